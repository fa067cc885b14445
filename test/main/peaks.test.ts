import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/handlers/handlers';
import { dispatch } from '../../main/handlers/dispatch';
import { computePeaks, computePeaksBetween } from '../../main/handlers/peaks';
import { useTemporaryFolders, webHost } from './support';
import { missingSpeechTools } from './syntheticSpeech';

const missing = await missingSpeechTools();
if (missing !== undefined) console.warn(`Waveform peaks are not tested: ${missing}.`);
const temporaryFolder = useTemporaryFolders();

/** 20 s of silence, then 30 s of a tone at half scale (ffmpeg's sine is at 1/8), then 20 s of silence, as AAC in .m4a. */
async function toneFile(folder: string): Promise<string> {
  const file = join(folder, 'tone.m4a');
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100:duration=30',
    '-af',
    'volume=4,adelay=20000:all=1,apad=whole_dur=70',
    '-ac',
    '1',
    '-c:a',
    'aac',
    file,
  ]);
  return file;
}

/** An ffmpeg that notes each run in a file, so a test can count decodes. */
async function countingFfmpeg(folder: string): Promise<{ binary: string; runs: () => Promise<string[]> }> {
  const binary = join(folder, 'ffmpeg-counting');
  const log = join(folder, 'ffmpeg-runs.log');
  await writeFile(binary, `#!/bin/sh\necho "$*" >> '${log}'\nexec ffmpeg "$@"\n`);
  await chmod(binary, 0o755);
  return {
    binary,
    runs: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line !== ''),
  };
}

describe.skipIf(missing !== undefined)('waveform peaks', () => {
  it('gives the lowest and highest sample per bucket, decoded in parts that line up', async () => {
    const folder = await temporaryFolder('peaks');
    const file = await toneFile(folder);
    for (const parallel of [1, 3]) {
      const peaks = await computePeaks(file, { peaksPerSecond: 50, parallel });
      expect(Math.abs(peaks.durationMs - 70_000)).toBeLessThan(100);
      expect(Math.abs(peaks.max.length - 3500)).toBeLessThanOrEqual(5);
      // Silence, then the tone at about half scale, then silence: with the same edges whatever the parts.
      expect(Math.max(...peaks.max.subarray(0, 950))).toBeLessThan(0.01);
      expect(Math.min(...peaks.max.subarray(1010, 2490))).toBeGreaterThan(0.4);
      expect(Math.max(...peaks.min.subarray(1010, 2490))).toBeLessThan(-0.4);
      expect(Math.max(...peaks.max.subarray(2560, 3450))).toBeLessThan(0.01);
    }
  });

  it('keeps buckets on time when the sample rate is not a multiple of the peaks per second (22 050 Hz at 100/s)', async () => {
    const folder = await temporaryFolder('peaks-rate');
    const file = join(folder, 'tone.m4a');
    // 40 s of silence, then a tone: with 220.5 samples per bucket rounded to 221, the tone showed 9 buckets early.
    await promisify(execFile)('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=22050:duration=20',
      '-af',
      'volume=4,adelay=40000:all=1,apad=whole_dur=60',
      '-ac',
      '1',
      '-c:a',
      'aac',
      file,
    ]);
    const peaks = await computePeaks(file, { peaksPerSecond: 100, parallel: 1 });
    expect(Math.max(...peaks.max.subarray(3900, 3998))).toBeLessThan(0.01);
    expect(Math.min(...peaks.max.subarray(4003, 5990))).toBeGreaterThan(0.4);
  });

  it('caches them beside the journals, keyed by the file, and computes them again when it changes', async () => {
    const folder = await temporaryFolder('peaks-cache');
    const file = await toneFile(folder);
    const host = webHost(join(folder, 'exports'), { root: folder, journalFolder: join(folder, 'data', 'journal') });
    const handlers = createHandlers(host);
    const first = await handlers.mediaPeaks({ projectPath: null, media: 'tone.m4a', peaksPerSecond: 20 });
    expect(first.max).toHaveLength(1400);
    const cached = await readdir(join(folder, 'data', 'peaks'));
    expect(cached).toHaveLength(1);
    // From the cache: even a broken ffmpeg gives the same peaks.
    const again = await computePeaks(file, {
      peaksPerSecond: 20,
      cacheFolder: join(folder, 'data', 'peaks'),
      ffmpeg: '/nonexistent/ffmpeg',
    });
    expect(Array.from(again.max, (v) => Math.round(v * 1e4) / 1e4)).toEqual(first.max);
    expect((await stat(join(folder, 'data', 'peaks', cached[0]!))).mode & 0o777).toBe(0o600);
    await promisify(execFile)('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=5',
      '-c:a',
      'aac',
      file,
    ]);
    const changed = await handlers.mediaPeaks({ projectPath: null, media: 'tone.m4a', peaksPerSecond: 20 });
    expect(changed.max.length).toBeLessThan(200);
    // The stale entry went with the new one's writing: one entry per file and resolution.
    expect(await readdir(join(folder, 'data', 'peaks'))).toHaveLength(1);
  });

  it('gives a stretch in view at once, with the same buckets as the whole file, from the cache once it is there', async () => {
    const folder = await temporaryFolder('peaks-window');
    const file = await toneFile(folder);
    const { binary, runs } = await countingFfmpeg(folder);
    const cacheFolder = join(folder, 'peaks');
    // 19.995 s widens to the bucket that starts at 19.99 s.
    const window = await computePeaksBetween(file, 19_995, 25_000, {
      peaksPerSecond: 100,
      cacheFolder,
      ffmpeg: binary,
    });
    expect(window.fromMs).toBe(19_990);
    expect(window.max).toHaveLength(501);
    expect(Math.abs(window.durationMs - 70_000)).toBeLessThan(100);
    // Decoded, not cached: a window never stands for the whole file.
    expect(existsSync(cacheFolder) ? await readdir(cacheFolder) : []).toEqual([]);
    const whole = await computePeaks(file, { peaksPerSecond: 100, cacheFolder, ffmpeg: binary, parallel: 2 });
    expect(whole.fromMs).toBe(0);
    // A seek starts decoding at an AAC frame, so compare at a thousandth.
    const same = (values: Float32Array) => Array.from(values, (value) => Math.round(value * 1e3) / 1e3);
    expect(same(window.max)).toEqual(same(whole.max.subarray(1999, 2500)));
    expect(same(window.min)).toEqual(same(whole.min.subarray(1999, 2500)));
    const decodes = (await runs()).length;
    const cached = await computePeaksBetween(file, 19_995, 25_000, {
      peaksPerSecond: 100,
      cacheFolder,
      ffmpeg: binary,
    });
    expect(await runs()).toHaveLength(decodes);
    expect(cached.fromMs).toBe(19_990);
    expect(Array.from(cached.max)).toEqual(Array.from(whole.max.subarray(1999, 2500)));
    // Past the end: cut at the last bucket.
    const end = await computePeaksBetween(file, 69_000, 90_000, { peaksPerSecond: 100, cacheFolder, ffmpeg: binary });
    expect(end.fromMs).toBe(69_000);
    expect(end.max).toHaveLength(whole.max.length - 6900);
  });

  it('decodes once for callers asking at once, and again after a damaged cache entry', async () => {
    const folder = await temporaryFolder('peaks-once');
    const file = await toneFile(folder);
    const { binary, runs } = await countingFfmpeg(folder);
    const cacheFolder = join(folder, 'peaks');
    const options = { peaksPerSecond: 10, cacheFolder, ffmpeg: binary, parallel: 1 };
    const [first, second] = await Promise.all([computePeaks(file, options), computePeaks(file, options)]);
    expect(second).toEqual(first);
    // One look at the file, one decode.
    expect(await runs()).toHaveLength(2);
    const [entry] = await readdir(cacheFolder);
    if (entry === undefined) throw new Error('nothing was cached');
    await truncate(join(cacheFolder, entry), 100);
    const again = await computePeaks(file, options);
    expect(await runs()).toHaveLength(4);
    expect(Array.from(again.max)).toEqual(Array.from(first.max));
  });

  it('folds an overview (20 per second) from the 100-per-second peaks: no decode or cache entry of its own', async () => {
    const folder = await temporaryFolder('peaks-overview');
    const file = await toneFile(folder);
    const { binary, runs } = await countingFfmpeg(folder);
    const cacheFolder = join(folder, 'peaks');
    const options = { cacheFolder, ffmpeg: binary, parallel: 1 };
    const fine = await computePeaks(file, { ...options, peaksPerSecond: 100 });
    const decodes = (await runs()).length;
    const overview = await computePeaks(file, { ...options, peaksPerSecond: 20 });
    expect(await runs()).toHaveLength(decodes);
    expect(await readdir(cacheFolder)).toHaveLength(1);
    expect(overview).toMatchObject({ peaksPerSecond: 20, fromMs: 0, durationMs: fine.durationMs });
    expect(overview.max).toHaveLength(Math.ceil(fine.max.length / 5));
    for (const bucket of [0, 199, 200, 201, 500, 699]) {
      const group = (values: Float32Array) => Array.from(values.subarray(bucket * 5, bucket * 5 + 5));
      expect(overview.max[bucket]).toBe(Math.max(...group(fine.max)));
      expect(overview.min[bucket]).toBe(Math.min(...group(fine.min)));
    }
    // A stretch of the overview widens to whole 50 ms buckets.
    const stretch = await computePeaksBetween(file, 20_020, 20_110, { ...options, peaksPerSecond: 20 });
    expect(stretch.fromMs).toBe(20_000);
    expect(Array.from(stretch.max)).toEqual(Array.from(overview.max.subarray(400, 403)));
  });

  it('mediaPeaks answers a stretch, and refuses a stretch with one end or ends in the wrong order', async () => {
    const folder = await temporaryFolder('peaks-request');
    await toneFile(folder);
    const handlers = createHandlers(webHost(join(folder, 'exports'), { root: folder }));
    const stretch = await handlers.mediaPeaks({ projectPath: null, media: 'tone.m4a', fromMs: 30_000, toMs: 31_000 });
    expect(stretch).toMatchObject({ peaksPerSecond: 100, fromMs: 30_000 });
    expect(stretch.max).toHaveLength(100);
    expect(Math.min(...stretch.max)).toBeGreaterThan(0.4);
    for (const [request, message] of [
      [{ fromMs: 1000 }, 'mediaPeaks: toMs: fromMs and toMs go together'],
      [{ fromMs: 2000, toMs: 1000 }, 'mediaPeaks: toMs: toMs must be after fromMs'],
      [{ fromMs: -1, toMs: 1000 }, 'mediaPeaks: fromMs:'],
    ] as const) {
      const answer = await dispatch(handlers, 'mediaPeaks', { projectPath: null, media: 'tone.m4a', ...request });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(answer.ok ? '' : answer.error.message).toContain(message);
    }
  });

  it('reports a missing file by name', async () => {
    const folder = await temporaryFolder('peaks-missing');
    const handlers = createHandlers(webHost(join(folder, 'exports'), { root: folder }));
    await expect(handlers.mediaPeaks({ projectPath: null, media: 'gone.mp4' })).rejects.toThrow(
      `${join(folder, 'gone.mp4')}: no such file`,
    );
  });
});
