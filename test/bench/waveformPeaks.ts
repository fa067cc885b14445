/**
 * Waveform benchmark: `npm run bench` (or `npx tsx test/bench/waveformPeaks.ts [minutes]`).
 *
 * Generates a two-hour audio file (a tone under pink noise, mono AAC in .m4a,
 * as a video's sound track is) in a temporary folder, then times
 * `computePeaks` at 100 peaks per second: the first time (ffmpeg decoding in
 * parallel parts) and again from the cache beside the journals. The target
 * is peaks ready in under 5 s. The load average is printed beside the
 * figures, since the machine is shared.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { computePeaks } from '../../main/handlers/peaks';

const minutes = Number(process.argv[2] ?? 120);
const folder = await mkdtemp(join(tmpdir(), 'subrelay-bench-peaks-'));
try {
  const file = join(folder, 'two-hours.m4a');
  const seconds = minutes * 60;
  let started = performance.now();
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=220:sample_rate=44100:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=color=pink:sample_rate=44100:amplitude=0.1:duration=${seconds}`,
    '-filter_complex',
    'amix=inputs=2:normalize=0',
    '-ac',
    '1',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    file,
  ]);
  const size = (await stat(file)).size;
  console.log(
    `generated ${minutes} min of mono AAC (${(size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const cacheFolder = join(folder, 'peaks');
  console.log(
    `load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}, ${availableParallelism()} CPUs`,
  );
  started = performance.now();
  const peaks = await computePeaks(file, { peaksPerSecond: 100, cacheFolder });
  const first = performance.now() - started;
  started = performance.now();
  await computePeaks(file, { peaksPerSecond: 100, cacheFolder });
  const cached = performance.now() - started;
  const verdict = first < 5000 ? 'under' : 'OVER';
  console.log(
    `waveform peaks, ${peaks.max.length} buckets: ${(first / 1000).toFixed(2)} s first (${verdict} the 5 s target), ${cached.toFixed(0)} ms from the cache`,
  );
  console.log(
    `load average after ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
}
