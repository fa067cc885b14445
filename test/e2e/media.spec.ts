import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseSubtitles } from '../../src/formats/subtitleReader';
import { exportText, planExport } from '../../src/export/plan';
import { parseProject } from '../../src/model/schema';
import { root } from './webMode';

const tools = ['/usr/bin/ffmpeg', '/usr/bin/espeak-ng'];
const missing = tools.filter((tool) => !existsSync(tool));

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
}

/**
 * A real video with speech: espeak-ng says each cue of the Korean appeal at its start time,
 * ffmpeg lays the speech over a plain picture, and Chromium plays it with our WebVTT as its track.
 */
test('a video with speech shows the exported WebVTT cue at the right time', async ({ page }) => {
  if (missing.length > 0)
    console.log(`Skipping the media test: ${missing.join(' and ')} missing (.ci/run installs them).`);
  test.skip(missing.length > 0, `${missing.join(', ')} not installed`);
  test.setTimeout(120_000);
  const folder = await mkdtemp(join(tmpdir(), 'subrelay-media-'));
  let server: Server | undefined;
  try {
    const project = parseProject(await readFile(join(root, 'samples', 'kursk-appeal.subrelay'), 'utf8'));
    const appeal = project.documents[0]!;
    const spoken = appeal.segments.slice(0, 3);
    // One speech clip per cue, placed at the cue's start; 14 seconds of picture.
    const inputs: string[] = [];
    const delays: string[] = [];
    spoken.forEach((segment, index) => {
      const wav = join(folder, `cue${index}.wav`);
      run('/usr/bin/espeak-ng', ['-v', 'ko', '-w', wav, segment.texts.ko]);
      inputs.push('-i', wav);
      delays.push(`[${index + 1}:a]adelay=${segment.start}|${segment.start}[a${index}]`);
    });
    const mix = `${delays.join(';')};${spoken.map((_, i) => `[a${i}]`).join('')}amix=inputs=${spoken.length}:normalize=0[a]`;
    const video = join(folder, 'appeal.webm');
    run('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=gray:s=320x180:d=14:r=24',
      ...inputs,
      '-filter_complex',
      mix,
      '-map',
      '0:v',
      '-map',
      '[a]',
      '-c:v',
      'libvpx',
      '-b:v',
      '200k',
      '-c:a',
      'libopus',
      '-t',
      '14',
      video,
    ]);
    const plan = await planExport(project, { documentIds: ['appeal'], languages: ['ko'], format: 'vtt' });
    const vtt = exportText(plan.files[0]);
    // The file holds every cue of the appeal, at the sample's times, wrapped for the screen.
    const written = parseSubtitles(vtt).cues;
    expect(written.map((c) => [c.start, c.end, c.text.replace(/\n/gu, ' ')])).toEqual(
      appeal.segments.map((s) => [s.start, s.end, s.texts.ko]),
    );
    const shown = written.map((c) => c.text);
    await writeFile(join(folder, 'appeal.ko.vtt'), vtt);
    // ffmpeg must read our WebVTT too.
    run('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-i',
      join(folder, 'appeal.ko.vtt'),
      '-f',
      'srt',
      join(folder, 'check.srt'),
    ]);
    expect((await readFile(join(folder, 'check.srt'), 'utf8')).replace(/\r\n/gu, '\n')).toContain(shown[0]!);

    server = createServer((request, response) => {
      const name = (request.url ?? '/').slice(1);
      const types: Record<string, string> = { 'appeal.webm': 'video/webm', 'appeal.ko.vtt': 'text/vtt; charset=utf-8' };
      const type = types[name];
      if (type === undefined) {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(
          '<!doctype html><html lang="ko"><body><video id="v" muted><track kind="subtitles" srclang="ko" src="appeal.ko.vtt" default></video></body></html>',
        );
        return;
      }
      void readFile(join(folder, name)).then((body) => {
        response.writeHead(200, { 'Content-Type': type });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    // A Blob is seekable without HTTP range requests, which this little server does not do.
    await page.evaluate(async () => {
      const blob = await (await fetch('appeal.webm')).blob();
      (document.getElementById('v') as HTMLVideoElement).src = URL.createObjectURL(blob);
    });
    await page.waitForFunction(() => {
      const element = document.getElementById('v') as HTMLVideoElement | null;
      return (
        element !== null &&
        element.readyState >= 1 &&
        element.textTracks[0]?.cues !== null &&
        (element.textTracks[0]?.cues?.length ?? 0) > 0
      );
    });
    // Play a moment from the given time, as a viewer would, then pause there.
    const seek = (seconds: number): Promise<void> =>
      page.evaluate(async (time) => {
        const element = document.getElementById('v') as HTMLVideoElement;
        element.textTracks[0]!.mode = 'showing';
        await new Promise<void>((resolve) => {
          element.addEventListener('seeked', () => resolve(), { once: true });
          element.currentTime = time;
        });
        await element.play();
        await new Promise((resolve) => setTimeout(resolve, 150));
        element.pause();
      }, seconds);
    // Chromium updates the active cues on its next "time marches on" step after a seek.
    const active = (): Promise<string[]> =>
      page.evaluate(() => {
        const cues = (document.getElementById('v') as HTMLVideoElement).textTracks[0]!.activeCues;
        return Array.from(cues ?? [], (cue) => (cue as VTTCue).text);
      });
    const activeAt = async (seconds: number, expected: string[]): Promise<void> => {
      await seek(seconds);
      await expect.poll(active, { timeout: 5000 }).toEqual(expected);
    };
    expect(await page.evaluate(() => (document.getElementById('v') as HTMLVideoElement).duration)).toBeGreaterThan(13);
    await activeAt(2, [shown[0]!]);
    await activeAt(6, [shown[1]!]);
    await activeAt(9.5, [shown[2]!]);
    await activeAt(12.5, []);
    await activeAt(0.2, []);
  } finally {
    server?.close();
    await rm(folder, { recursive: true, force: true });
  }
});
