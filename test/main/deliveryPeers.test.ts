import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportText, planExport } from '../../src/export/plan';
import { parseSubtitles } from '../../src/formats/subtitleReader';
import { LANGUAGES } from '../../src/languages';
import { importSubtitles } from '../../src/usecases/importSubtitles';
import { loadSample, useTemporaryFolders } from './support';

/** Independent readers of our files: Debian's ffmpeg (libavformat's ASS demuxer) and ttconv (TTML). */
const FFMPEG = '/usr/bin/ffmpeg';
const TTCONV = '/usr/bin/ttconv';
const ffmpegMissing = !existsSync(FFMPEG);
const ttconvMissing = !existsSync(TTCONV);

if (ffmpegMissing)
  console.warn(`${FFMPEG} is missing, so exported ASS files are not checked with ffmpeg; .ci/run installs it.`);
if (ttconvMissing) {
  console.warn(`${TTCONV} is missing, so exported TTML is not checked with ttconv; .ci/run installs python3-ttconv.`);
}

const temporaryFolder = useTemporaryFolders();

async function exportedFiles(format: 'ttml' | 'ass'): Promise<{ name: string; text: string }[]> {
  const sample = await loadSample();
  const plan = await planExport(sample, { documentIds: ['appeal'], languages: LANGUAGES, format });
  expect(plan.files).toHaveLength(LANGUAGES.length);
  return plan.files.map((file) => ({ name: file.name, text: exportText(file) }));
}

describe('peers read our delivery formats', () => {
  it.skipIf(ttconvMissing)('ttconv reads every exported TTML file with the same cues', async () => {
    const folder = await temporaryFolder('ttconv');
    for (const file of await exportedFiles('ttml')) {
      const input = join(folder, file.name);
      const output = join(folder, `${file.name}.srt`);
      await writeFile(input, file.text);
      const result = spawnSync(TTCONV, ['convert', '-i', input, '-o', output], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      const theirs = parseSubtitles(await readFile(output, 'utf8')).cues;
      // WebVTT has no ASS styles: compare times and text.
      const ours = parseSubtitles(file.text).cues.map(({ start, end, text }) => ({ start, end, text }));
      expect(ours.length).toBeGreaterThan(0);
      expect(theirs, file.name).toEqual(ours);
    }
  });

  it.skipIf(ttconvMissing)('ttconv reads exported EBU STL files with the same cues, at 25 fps', async () => {
    const folder = await temporaryFolder('ttconv-stl');
    const sample = await loadSample();
    const plan = await planExport(sample, { documentIds: ['appeal'], languages: ['en', 'uk', 'ru'], format: 'stl' });
    expect(plan.files.map((file) => file.name)).toEqual(['appeal.en.stl', 'appeal.uk.stl', 'appeal.ru.stl']);
    const srt = await planExport(sample, { documentIds: ['appeal'], languages: ['en', 'uk', 'ru'], format: 'srt' });
    for (const [index, file] of plan.files.entries()) {
      const input = join(folder, file.name);
      const output = join(folder, `${file.name}.srt`);
      await writeFile(input, file.content);
      const result = spawnSync(TTCONV, ['convert', '-i', input, '-o', output], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      const theirs = parseSubtitles(await readFile(output, 'utf8')).cues;
      const ours = parseSubtitles(exportText(srt.files[index])).cues;
      // What the Teletext tables lack is written as its usual stand-in ("…" as "...", "«»" as '"', "ґ" as "г").
      const standIns = (text: string): string =>
        text
          .replaceAll('…', '...')
          .replaceAll('–', '-')
          .replace(/[«»„]/gu, '"')
          .replaceAll('Ґ', 'Г')
          .replaceAll('ґ', 'г');
      expect(ours.length).toBeGreaterThan(0);
      expect(
        theirs.map((cue) => cue.text),
        file.name,
      ).toEqual(ours.map((cue) => standIns(cue.text)));
      // Times are frames at 25 fps in STL: within half a frame of ours.
      for (const [position, cue] of theirs.entries()) {
        expect(Math.abs(cue.start - (ours[position]?.start ?? Number.NaN)), file.name).toBeLessThanOrEqual(20);
        expect(Math.abs(cue.end - (ours[position]?.end ?? Number.NaN)), file.name).toBeLessThanOrEqual(20);
      }
    }
  });

  it.skipIf(ffmpegMissing)('ffmpeg reads every exported ASS file with the same cues', async () => {
    const folder = await temporaryFolder('ffmpeg-ass');
    for (const file of await exportedFiles('ass')) {
      const input = join(folder, file.name);
      await writeFile(input, file.text);
      const result = spawnSync(FFMPEG, ['-nostdin', '-v', 'error', '-i', input, '-f', 'webvtt', '-'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const theirs = parseSubtitles(result.stdout).cues;
      // WebVTT has no ASS styles: compare times and text.
      const ours = parseSubtitles(file.text).cues.map(({ start, end, text }) => ({ start, end, text }));
      expect(ours.length).toBeGreaterThan(0);
      expect(theirs, file.name).toEqual(ours);
    }
  });

  it.skipIf(ffmpegMissing)('ffmpeg reads an ASS export that writes an imported script’s styles back', async () => {
    const script = [
      '[Script Info]',
      'ScriptType: v4.00+',
      'PlayResX: 1280',
      'PlayResY: 720',
      '',
      '[V4+ Styles]',
      'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
      'Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H64000000,-1,0,0,0,100,100,0,0,1,2.5,1,2,40,40,36,204',
      'Style: Sign,Georgia,36,&H0000FFFF,&H000000FF,&H00101010,&H00000000,0,-1,0,0,95,100,1,0,3,1,0,8,20,20,24,1',
      '',
      '[Events]',
      'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
      'Dialogue: 0,0:00:01.20,0:00:03.90,Default,,0,0,0,,Братья!',
      'Dialogue: 0,0:00:04.00,0:00:06.00,Sign,,0,0,0,,Курская область',
    ].join('\n');
    const read = parseSubtitles(script);
    const { project, report } = importSubtitles(await loadSample(), {
      documentId: 'new',
      language: 'ru',
      cues: read.cues,
      matching: 'overlap',
      assScript: read.assScript,
    });
    const plan = await planExport(project, { documentIds: [report.documentId], languages: ['ru'], format: 'ass' });
    const text = exportText(plan.files[0]);
    expect(text).toContain('Style: Sign,Georgia,36,');
    const input = join(await temporaryFolder('ffmpeg-ass-styles'), 'styled.ru.ass');
    await writeFile(input, text);
    const result = spawnSync(FFMPEG, ['-nostdin', '-v', 'error', '-i', input, '-f', 'webvtt', '-'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(parseSubtitles(result.stdout).cues).toEqual(read.cues.map(({ start, end, text }) => ({ start, end, text })));
  });
});
