/**
 * Aligner benchmark: `npm run bench` (or `npx tsx test/bench/run.ts [--pair en-ko] [--sizes 1000,10000,50000]`).
 *
 * Aligns synthetic documents (see `syntheticCorpus.ts`) of growing size and
 * prints, per size: segments per second (source + target), wall time of
 * `align`, peak memory, the band half-width the aligner needed, its passes,
 * and bead F1 against the synthetic gold. Each size runs in a child process
 * of its own so that its peak resident set is its own; `peak RSS Δ` is that
 * process's peak minus its resident set just before aligning, and `heap Δ`
 * the growth of the JavaScript heap (typed arrays live outside it, in
 * `arrayBuffers`, which are included in RSS). No garbage collection is
 * forced between runs: on V8 a forced full collection throws away optimised
 * code and made the next run up to three times slower.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { align } from '../../src/align/align';
import { isLanguage } from '../../src/languages';
import type { Language } from '../../src/languages';
import { scoreBeads, rangeOf } from '../fixtures/align/gold';
import { syntheticDocument } from './syntheticCorpus';

interface Result {
  readonly size: number;
  readonly sourceCount: number;
  readonly targetCount: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssDelta: number;
  readonly heapDelta: number;
  readonly band: number;
  readonly passes: number;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
}

const SEED = 20241120;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function languagesOf(pair: string): readonly [Language, Language] {
  const [from, to] = pair.split('-');
  if (!isLanguage(from) || !isLanguage(to)) throw new Error(`--pair must look like en-ko, not ${pair}`);
  return [from, to];
}

/** Timed runs per size; the table reports the fastest, the usual way to read a benchmark on a shared machine. */
const RUNS = 3;

function measure(size: number, from: Language, to: Language, realign: boolean): Result {
  // Warm the JIT on a mid-sized document so that the timed runs measure optimised code.
  const warm = syntheticDocument(3000, from, to, SEED + 1);
  for (let run = 0; run < 2; run++) align(warm.source, warm.target, { realign });
  const document = syntheticDocument(size, from, to, SEED);
  let best: Omit<Result, 'f1' | 'precision' | 'recall' | 'band' | 'passes'> | undefined;
  let alignment: ReturnType<typeof align> | undefined;
  for (let run = 0; run < (size > 20_000 ? 1 : RUNS); run++) {
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    alignment = align(document.source, document.target, { realign });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const heapAfter = process.memoryUsage().heapUsed;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    if (best === undefined || seconds < best.seconds) {
      best = {
        size,
        sourceCount: document.source.texts.length,
        targetCount: document.target.texts.length,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssDelta: Math.max(0, peakRss - rssBefore),
        heapDelta: heapAfter - heapBefore,
      };
    }
  }
  if (best === undefined || alignment === undefined) throw new Error('no run');
  const score = scoreBeads(alignment.beads.map(rangeOf), document.gold);
  return {
    ...best,
    band: alignment.stats.band,
    passes: alignment.stats.passes,
    f1: score.f1,
    precision: score.precision,
    recall: score.recall,
  };
}

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function printTable(pair: string, realign: boolean, results: ReadonlyArray<Result>): void {
  const header = [
    'segments',
    'source×target',
    'segments/s',
    'wall ms',
    'CPU ms',
    'peak RSS Δ MB',
    'heap Δ MB',
    'band',
    'passes',
    'P',
    'R',
    'F1',
  ];
  const rows = results.map((r) => [
    String(r.size),
    `${r.sourceCount}×${r.targetCount}`,
    Math.round((r.sourceCount + r.targetCount) / r.seconds).toLocaleString('en-US'),
    (r.seconds * 1000).toFixed(0),
    (r.cpuSeconds * 1000).toFixed(0),
    megabytes(r.peakRssDelta),
    megabytes(r.heapDelta),
    String(r.band),
    String(r.passes),
    r.precision.toFixed(4),
    r.recall.toFixed(4),
    r.f1.toFixed(4),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: ReadonlyArray<string>): string =>
    `| ${cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join(' | ')} |`;
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(
    `\n${pair}, realign ${realign ? 'on' : 'off'}, seed ${SEED}, ${cpus().length} CPUs, load average ${load}`,
  );
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const pair = argument('pair') ?? 'en-ko';
const [from, to] = languagesOf(pair);
const realign = argument('realign') !== 'off';
const child = argument('size');
if (child !== undefined) {
  process.stdout.write(JSON.stringify(measure(Number(child), from, to, realign)));
} else {
  const sizes = (argument('sizes') ?? '1000,10000,50000').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const results = sizes.map((size) => {
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, self, '--size', String(size), '--pair', pair, '--realign', realign ? 'on' : 'off'],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (run.status !== 0) throw new Error(`size ${size} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Result;
  });
  printTable(pair, realign, results);
}
