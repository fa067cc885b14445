import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/handlers/handlers';
import { computePeaks } from '../../main/handlers/peaks';
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
  });

  it('reports a missing file by name', async () => {
    const folder = await temporaryFolder('peaks-missing');
    const handlers = createHandlers(webHost(join(folder, 'exports'), { root: folder }));
    await expect(handlers.mediaPeaks({ projectPath: null, media: 'gone.mp4' })).rejects.toThrow(
      `${join(folder, 'gone.mp4')}: no such file`,
    );
  });
});
