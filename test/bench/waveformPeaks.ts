/**
 * Waveform benchmark: `npm run bench` (or `npx tsx test/bench/waveformPeaks.ts [--minutes 120] [--runs 2] [--file F]`).
 *
 * Makes a two-hour audio file (a tone under pink noise, mono AAC at 44.1 kHz
 * in .m4a, as a video's sound track is: one minute encoded, then copied 120
 * times by ffmpeg's concat demuxer, which takes seconds rather than the two
 * minutes of encoding it all) in a temporary folder, or takes `--file`.
 * Then it times what the renderer waits for, through the `mediaPeaks`
 * handler and the JSON the web mode sends (Electron's structured clone costs
 * about the same):
 *
 * - the first view: the peaks of the first minute (`fromMs`/`toMs`), decoded
 *   at once while nothing is cached; the waveform can be shown and worked on;
 * - the whole waveform at 100 peaks per second, decoded in parallel parts
 *   (best of `--runs`, each with an empty cache);
 * - the whole waveform again, from the cache beside the journals.
 *
 * The target is a waveform ready in under 5 s. For reference it also times
 * one ffmpeg decoding the whole file to nothing (`-f null`), the floor for a
 * single decoder. The machine is shared, so beside the wall times it
 * prints the load average, the whole waveform's time as a multiple of that
 * decode, and its CPU time (this process's, and its ffmpegs' from
 * /proc/self/stat on Linux) divided by the CPUs: what an idle machine would take.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createHandlers } from '../../main/handlers/handlers';

const run = promisify(execFile);

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const minutes = Number(argument('minutes') ?? 120);
const runs = Number(argument('runs') ?? 2);
const given = argument('file');
const TARGET_MS = 5000;

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** CPU milliseconds of the child processes that ended (Linux: /proc/self/stat's cutime and cstime); 0 elsewhere. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 16 and 17 of the line, counted from the state (field 3), in clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** Wall and CPU milliseconds of `work`: this process's, and its ffmpegs' (`childMs`). */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number; childMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const children = childrenCpuMs();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    childMs: childrenCpuMs() - children,
  };
}

async function makeFile(folder: string): Promise<string> {
  const minute = join(folder, 'minute.m4a');
  const file = join(folder, `${minutes}-minutes.m4a`);
  const source = (generator: string) => ['-f', 'lavfi', '-i', `${generator}:sample_rate=44100:duration=60`];
  await run('ffmpeg', [
    ...['-v', 'error', '-y'],
    ...source('sine=frequency=220'),
    ...source('anoisesrc=color=pink:amplitude=0.1'),
    ...['-filter_complex', 'amix=inputs=2:normalize=0', '-ac', '1', '-c:a', 'aac', '-b:a', '64k', minute],
  ]);
  const list = join(folder, 'minutes.txt');
  await writeFile(list, "file 'minute.m4a'\n".repeat(minutes));
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', file]);
  return file;
}

const folder = await mkdtemp(join(tmpdir(), 'subrelay-bench-peaks-'));
try {
  const started = performance.now();
  const file = given ?? (await makeFile(folder));
  const size = (await stat(file)).size;
  console.log(
    `${given === undefined ? 'made' : 'took'} ${basename(file)} (${(size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${availableParallelism()} CPUs, load average ${load()}`,
  );

  const floor = await timed(() => run('ffmpeg', ['-v', 'error', '-nostdin', '-i', file, '-f', 'null', '-']));
  console.log(
    `one ffmpeg decoding it all to nothing: ${(floor.wallMs / 1000).toFixed(2)} s (${(floor.childMs / 1000).toFixed(2)} s CPU)`,
  );

  const media = { projectPath: null, media: file };
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 1; attempt <= runs; attempt++) {
    const dataFolder = join(folder, `data-${attempt}`);
    const handlers = createHandlers({
      mode: 'web',
      version: 'bench',
      samplesFolder: folder,
      defaultExportFolder: folder,
      journalFolder: join(dataFolder, 'journal'),
      root: dirname(file),
      askOpenPath: async () => undefined,
      askSavePath: async () => undefined,
      askExportFolder: async () => undefined,
    });
    const ask = (request: { fromMs?: number; toMs?: number }) =>
      timed(async () => {
        const peaks = await handlers.mediaPeaks({ ...media, peaksPerSecond: 100, ...request });
        return { peaks, json: JSON.stringify({ ok: true, value: peaks }).length };
      });
    const view = await ask({ fromMs: 0, toMs: 60_000 });
    const whole = await ask({});
    const cached = await ask({});
    best = Math.min(best, whole.wallMs);
    const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
    console.log(
      [
        `run ${attempt}: first view (0–60 s, ${view.value.peaks.max.length} peaks) ${view.wallMs.toFixed(0)} ms`,
        `whole waveform (${whole.value.peaks.max.length} peaks, ${mb(whole.value.json)} of JSON) ${(whole.wallMs / 1000).toFixed(2)} s = ${(whole.wallMs / floor.wallMs).toFixed(2)} × the decode to nothing (CPU: ${(whole.cpuMs / 1000).toFixed(2)} s here + ${(whole.childMs / 1000).toFixed(2)} s ffmpeg; ${((whole.cpuMs + whole.childMs) / 1000 / availableParallelism()).toFixed(2)} s on idle CPUs)`,
        `from the cache ${cached.wallMs.toFixed(0)} ms; load average ${load()}`,
      ].join('; '),
    );
    if (view.wallMs >= TARGET_MS) console.log(`  the first view took OVER the ${TARGET_MS / 1000} s target`);
  }
  console.log(
    `waveform peaks: whole ${(best / 1000).toFixed(2)} s at best (${best < TARGET_MS ? 'under' : 'OVER'} the ${TARGET_MS / 1000} s target)`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
}
