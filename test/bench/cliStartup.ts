/**
 * Start-up benchmark of the built `subrelay` command: `npm run bench` (or `npx tsx test/bench/cliStartup.ts [runs]`).
 *
 * Runs `node main/bin/subrelay.js --version` (and a few other cheap calls)
 * one after another, like hyperfine, and prints the wall time of each
 * (minimum, median, mean) next to bare `node -e 0` on the same machine, so
 * that the figure can be read against what Node itself costs. The bundle is
 * built first if it is missing or stale (see main/bin/subrelay.js), outside
 * the timed runs.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.argv[2] ?? 30);

function time(args: ReadonlyArray<string>): { readonly min: number; readonly median: number; readonly mean: number } {
  const warm = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (warm.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${warm.stderr}`);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return {
    min: times[0] ?? 0,
    median: times[Math.floor(times.length / 2)] ?? 0,
    mean: times.reduce((sum, t) => sum + t, 0) / times.length,
  };
}

const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['node -e 0 (bare Node)', ['-e', '0']],
  ['subrelay --version', ['main/bin/subrelay.js', '--version']],
  ['subrelay --help', ['main/bin/subrelay.js', '--help']],
  ['subrelay validate sample', ['main/bin/subrelay.js', 'validate', 'samples/kursk-appeal.subrelay']],
];
console.log(`CLI start-up, ${runs} runs each, load average ${loadavg()[0]?.toFixed(2)}`);
console.log('command                       min ms  median ms  mean ms');
for (const [name, args] of cases) {
  const { min, median, mean } = time(args);
  console.log(
    `${name.padEnd(28)} ${min.toFixed(0).padStart(7)} ${median.toFixed(0).padStart(10)} ${mean.toFixed(0).padStart(8)}`,
  );
}
