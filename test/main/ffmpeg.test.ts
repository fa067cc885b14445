import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planExport } from '../../src/export/plan';
import type { LineEnding } from '../../src/formats/cue';
import { LANGUAGES, type Language } from '../../src/languages';
import type { Project, SubrelayDocument } from '../../src/model/project';
import { loadSample, useTemporaryFolders } from './support';

/** Debian's ffmpeg: an independent SubRip reader to check our files against. */
const FFMPEG = '/usr/bin/ffmpeg';
const ffmpegMissing = !existsSync(FFMPEG);

const temporaryFolder = useTemporaryFolders();

interface ReadCue {
  readonly start: number;
  readonly end: number;
  readonly startText: string;
  readonly endText: string;
  readonly text: string;
}

if (ffmpegMissing) {
  // A skipped test's body never runs, so the reason is printed while the file is collected.
  console.warn(`${FFMPEG} is missing, so exported SRT files are not checked with ffmpeg; .ci/run installs it.`);
}

/** Milliseconds from a WebVTT timestamp, `mm:ss.mmm` or `hh:mm:ss.mmm`. */
function vttMilliseconds(text: string): number {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/u.exec(text);
  if (match === null) throw new Error(`not a WebVTT timestamp: ${text}`);
  const [, hours = '0', minutes = '0', seconds = '0', millis = '0'] = match;
  return Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1000 + Number(millis);
}

/** Runs ffmpeg to convert an SRT file to WebVTT and reads the cues back. */
function readWithFfmpeg(file: string): ReadCue[] {
  const result = spawnSync(FFMPEG, ['-nostdin', '-v', 'error', '-i', file, '-f', 'webvtt', '-'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(result.error).toBeUndefined();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  // The last cue ends with one newline; a cue's text never holds a blank line.
  const blocks = result.stdout
    .replaceAll('\r\n', '\n')
    .replace(/\n+$/u, '')
    .split(/\n{2,}/u);
  expect(blocks[0]).toBe('WEBVTT');
  return blocks
    .slice(1)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const blockLines = block.split('\n');
      const timing = blockLines.findIndex((line) => line.includes('-->'));
      const times = /^(\S+) --> (\S+)/u.exec(blockLines[timing] ?? '');
      if (times === null) throw new Error(`no timing line in cue: ${block}`);
      const [, startText = '', endText = ''] = times;
      return {
        start: vttMilliseconds(startText),
        end: vttMilliseconds(endText),
        startText,
        endText,
        text: blockLines.slice(timing + 1).join('\n'),
      };
    });
}

function appealOf(project: Project): SubrelayDocument {
  const appeal = project.documents.find((document) => document.id === 'appeal');
  if (appeal === undefined) throw new Error('the sample has no appeal');
  return appeal;
}

/** A segment's text as an SRT cue carries it: lines trimmed, blank lines dropped. */
function cueText(text: string): string {
  return text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

async function exportAppeal(
  lineEnding: LineEnding,
  bom: boolean,
): Promise<{ project: Project; files: Map<Language, string> }> {
  const project = await loadSample();
  const folder = await temporaryFolder('ffmpeg');
  const plan = await planExport(project, {
    documentIds: ['appeal'],
    languages: LANGUAGES,
    format: 'srt',
    lineEnding,
    bom,
  });
  expect(plan.warnings).toEqual([]);
  const files = new Map<Language, string>();
  for (const [index, file] of plan.files.entries()) {
    const language = LANGUAGES[index];
    if (language === undefined || file.name !== `appeal.${language}.srt`) throw new Error(`unexpected ${file.name}`);
    const path = join(folder, file.name);
    await writeFile(path, file.content, 'utf8');
    files.set(language, path);
  }
  return { project, files };
}

function expectSameCues(project: Project, language: Language, cues: ReadonlyArray<ReadCue>): void {
  const segments = appealOf(project).segments;
  expect(cues).toHaveLength(segments.length);
  segments.forEach((segment, index) => {
    const cue = cues[index];
    expect(cue?.start, `cue ${index + 1} start`).toBe(segment.start);
    expect(cue?.end, `cue ${index + 1} end`).toBe(segment.end);
    // The exporter wraps cues to the language's line limits: compare the words.
    expect(cue?.text.replace(/\n/gu, ' '), `cue ${index + 1} text in ${language}`).toBe(
      cueText(segment.texts[language]).replace(/\n/gu, ' '),
    );
  });
}

describe('exported SRT read back by ffmpeg', () => {
  it.skipIf(ffmpegMissing)('is read as the same cues in every language', async () => {
    const { project, files } = await exportAppeal('crlf', false);
    const appeal = appealOf(project);
    expect(appeal.segments.every((segment) => segment.start !== undefined && segment.excluded !== true)).toBe(true);

    for (const language of LANGUAGES) {
      const path = files.get(language);
      if (path === undefined) throw new Error(`no file for ${language}`);
      const cues = readWithFfmpeg(path);
      expect(['00:01.000', '00:00:01.000']).toContain(cues[0]?.startText);
      expect(['00:04.000', '00:00:04.000']).toContain(cues[0]?.endText);
      expectSameCues(project, language, cues);
    }
  });

  it.skipIf(ffmpegMissing)('keeps Hangul and Cyrillic intact', async () => {
    const { files } = await exportAppeal('crlf', false);
    const firstText = (language: Language): string => {
      const path = files.get(language);
      if (path === undefined) throw new Error(`no file for ${language}`);
      return readWithFfmpeg(path)[0]?.text ?? '';
    };
    expect(firstText('ko')).toBe('형제 여러분,\n여러분과 저는 같은 민족이고,');
    expect(firstText('uk')).toBe('Брати мої, ми з вами з одного народу,');
    expect(firstText('ru')).toBe('Братья мои, мы с вами из одного народа,');
  });

  it.skipIf(ffmpegMissing).each<[LineEnding, boolean]>([
    ['lf', false],
    ['crlf', true],
    ['lf', true],
  ])('reads the %s line endings with byte order mark %s', async (lineEnding, bom) => {
    const { project, files } = await exportAppeal(lineEnding, bom);
    for (const language of LANGUAGES) {
      const path = files.get(language);
      if (path === undefined) throw new Error(`no file for ${language}`);
      expectSameCues(project, language, readWithFfmpeg(path));
    }
  });
});

describe('exported WebVTT and bilingual SRT read back by ffmpeg', () => {
  it.skipIf(ffmpegMissing).each([...LANGUAGES])('reads the %s WebVTT with every cue', async (language) => {
    const project = await loadSample();
    const appeal = appealOf(project);
    const folder = await temporaryFolder('ffmpeg-vtt');
    const plan = await planExport(project, { documentIds: ['appeal'], languages: [language], format: 'vtt' });
    const file = join(folder, plan.files[0]!.name);
    await writeFile(file, plan.files[0]!.content);
    const cues = readWithFfmpeg(file);
    expect(cues.map((cue) => [cue.start, cue.end])).toEqual(appeal.segments.map((s) => [s.start, s.end]));
    expect(cues.map((cue) => cue.text.replace(/\n/gu, ' '))).toEqual(appeal.segments.map((s) => s.texts[language]));
  });

  it.skipIf(ffmpegMissing)('reads a bilingual SRT with both languages in each cue', async () => {
    const project = await loadSample();
    const folder = await temporaryFolder('ffmpeg-bilingual');
    const plan = await planExport(project, {
      documentIds: ['appeal'],
      languages: ['ko'],
      format: 'srt-bilingual',
      secondLanguage: 'en',
    });
    const file = join(folder, plan.files[0]!.name);
    expect(plan.files[0]!.name).toBe('appeal.ko+en.srt');
    await writeFile(file, plan.files[0]!.content);
    const first = readWithFfmpeg(file)[0]!;
    expect(first.text).toBe(
      '형제 여러분,\n여러분과 저는 같은 민족이고,\nMy brothers, you and I are\nfrom the same people,',
    );
  });
});
