import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCliCollecting, sampleFile, useTemporaryFolders } from './support';
import { missingSpeechTools } from './syntheticSpeech';

const run = promisify(execFile);
const missing = await missingSpeechTools();
if (missing !== undefined) console.warn(`Preview videos are not tested: ${missing}.`);
const temporaryFolder = useTemporaryFolders();

/** The mean brightness (0..255) of one frame at `seconds`. */
async function brightness(file: string, seconds: number): Promise<number> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      'scale=160:90,format=gray',
      '-f',
      'rawvideo',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 1024 * 1024 },
  );
  const bytes = stdout as unknown as Buffer;
  expect(bytes.length).toBe(160 * 90);
  return bytes.reduce((sum, value) => sum + value, 0) / bytes.length;
}

describe.skipIf(missing !== undefined)('subrelay export --format preview-mp4', () => {
  it('burns the chosen language into a copy of the video, only while a cue is on', async () => {
    const folder = await temporaryFolder('preview');
    const media = join(folder, 'black.mp4');
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=black:s=640x360:r=25:d=6',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=6',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-shortest',
      media,
    ]);
    const result = await runCliCollecting(
      'export',
      sampleFile,
      '--out',
      join(folder, 'out'),
      '--format',
      'preview-mp4',
      '--lang',
      'ko',
      '--media',
      media,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const target = join(folder, 'out', 'appeal.ko.preview.mp4');
    expect(result.stdout).toBe(`${target}\n`);
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name',
      '-of',
      'csv=p=0',
      target,
    ]);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(['aac', 'h264']);
    // The sample's first cue runs from 1 s to 4 s: nothing before it, its text during it.
    expect(await brightness(target, 0.4)).toBeLessThan(1);
    expect(await brightness(target, 2.5)).toBeGreaterThan(1);
  });

  it('asks for one language and the media', async () => {
    expect(
      (
        await runCliCollecting(
          'export',
          sampleFile,
          '--out',
          '/tmp',
          '--format',
          'preview-mp4',
          '--lang',
          'all',
          '--media',
          'x.mp4',
        )
      ).code,
    ).toBe(2);
    expect(
      (await runCliCollecting('export', sampleFile, '--out', '/tmp', '--format', 'preview-mp4', '--lang', 'ko')).code,
    ).toBe(2);
  });
});
