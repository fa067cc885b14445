import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/model/schema';
import { sampleFile, useTemporaryFolders, runCliCollecting } from './support';

const temporaryFolder = useTemporaryFolders();
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/subtitles/${name}`, import.meta.url));

const cli = runCliCollecting;

describe('subrelay convert', () => {
  it('reads a Korean CP949 SRT and writes JSON with the detected encoding', async () => {
    const result = await cli('convert', fixture('appeal.ko.cp949.srt'), '--to', 'json', '--lang', 'ko');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      encoding: string;
      cues: { start: number; end: number; text: string }[];
    };
    expect(json.encoding).toBe('euc-kr');
    expect(json.cues[0]).toMatchObject({ start: 1000, end: 4000 });
    expect(json.cues[0]?.text).toMatch(/[가-힣]/u);
  });

  it('turns a quirky SRT into clean WebVTT and back', async () => {
    const vtt = await cli('convert', fixture('quirks.srt'), '--to', 'vtt');
    expect(vtt.code).toBe(0);
    expect(vtt.stdout.startsWith('WEBVTT\n\n')).toBe(true);
    expect(vtt.stdout).not.toContain('<i>');
    expect(vtt.stdout).toContain('Привет, мир!');
    const folder = await temporaryFolder('convert');
    await writeFile(join(folder, 'back.vtt'), vtt.stdout);
    const srt = await cli('convert', join(folder, 'back.vtt'), '--to', 'srt');
    expect(srt.stdout).toContain('00:00:01,000 --> 00:00:02,500\nПривет, мир!\n위쪽 자막\n');
  });

  it('names the file and the line of a broken subtitle, in one line, with exit 1', async () => {
    const folder = await temporaryFolder('convert');
    const broken = join(folder, 'broken.srt');
    await writeFile(broken, '1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:61,000 --> 00:00:62,000\nbad\n');
    const result = await cli('convert', broken, '--to', 'srt');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^subrelay: ${broken}: line 6: .*61.*\\n$`, 'u'));
  });

  it('reads the rest of a WebVTT file past a malformed cue, and says which cue it left out', async () => {
    const folder = await temporaryFolder('convert');
    const file = join(folder, 'one-bad.vtt');
    await writeFile(file, 'WEBVTT\n\n00:01.000 --> 00:02.000\nfine\n\n00:03,000 --> 00:04.000\nbad\n');
    const result = await cli('convert', file, '--to', 'srt');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('1\n00:00:01,000 --> 00:00:02,000\nfine\n\n');
    expect(result.stderr).toBe(
      `subrelay: ${file}: warning: line 6: cue left out: bad start time: expected "." and three digits of milliseconds (a "," is SRT, not WebVTT)\n`,
    );
  });

  it('refuses binary data and an unknown option value', async () => {
    const folder = await temporaryFolder('convert');
    const binary = join(folder, 'x.srt');
    await writeFile(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    const refused = await cli('convert', binary, '--to', 'vtt');
    expect(refused.code).toBe(1);
    expect(refused.stderr.startsWith(`subrelay: ${binary}: `)).toBe(true);
    expect((await cli('convert', binary, '--to', 'nope')).code).toBe(2);
  });
});

const STYLED_ASS = [
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

describe('ASS styles through the command line', () => {
  it('subrelay import keeps them in the project, subrelay export and convert write them back', async () => {
    const folder = await temporaryFolder('ass-styles');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const ass = join(folder, 'ru.ass');
    await writeFile(ass, STYLED_ASS);
    expect((await cli('import', project, ass, '--document', 'new', '--lang', 'ru')).code).toBe(0);
    const saved = parseProject(await readFile(project, 'utf8'));
    expect(saved.documents[2]?.assScript?.ru?.styles.map((style) => style.Name)).toEqual(['Default', 'Sign']);
    const out = join(folder, 'out');
    expect((await cli('export', project, '--format', 'ass', '--lang', 'ru', '--out', out)).code).toBe(0);
    const exported = await readFile(join(out, `${saved.documents[2]?.id ?? ''}.ru.ass`), 'utf8');
    const converted = (await cli('convert', ass, '--to', 'ass')).stdout;
    for (const written of [exported, converted]) {
      expect(written).toContain('PlayResX: 1280');
      expect(written).toContain('Style: Sign,Georgia,36,');
      expect(written).toMatch(/^Dialogue: 0,0:00:04\.00,0:00:06\.00,Sign,/mu);
    }
  });
});

describe('subrelay import', () => {
  it('puts cues into a transcript column by time overlap and saves atomically with a backup', async () => {
    const folder = await temporaryFolder('import');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const srt = join(folder, 'ru.srt');
    await writeFile(
      srt,
      '1\n00:00:01,200 --> 00:00:03,900\nБратья!\n\n2\n00:05:00,000 --> 00:05:02,000\nНовая реплика\n',
    );
    const result = await cli('import', project, srt, '--document', 'appeal', '--lang', 'ru');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('imported 2 cues into appeal (ru): 1 matched, 1 added as new segments');
    const saved = parseProject(await readFile(project, 'utf8'));
    const appeal = saved.documents[0]!;
    expect(appeal.segments[0]?.texts.ru).toBe('Братья!');
    expect(appeal.segments[appeal.segments.length - 1]).toMatchObject({
      start: 300_000,
      texts: { ru: 'Новая реплика' },
    });
    expect(await readFile(`${project}.bak`, 'utf8')).toBe(await readFile(sampleFile, 'utf8'));
  });

  it('makes a new transcript from a file, and leaves the project untouched when the file is broken', async () => {
    const folder = await temporaryFolder('import');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const made = await cli('import', project, fixture('quirks.vtt'), '--document', 'new', '--lang', 'uk');
    expect(made.code).toBe(0);
    const saved = parseProject(await readFile(project, 'utf8'));
    expect(saved.documents.map((d) => d.id)).toEqual(['appeal', 'article', 'quirks']);
    expect(saved.documents[2]).toMatchObject({ kind: 'transcript', sourceLanguage: 'uk' });
    const before = await readFile(project, 'utf8');
    const broken = join(folder, 'broken.srt');
    await writeFile(broken, '');
    const refused = await cli('import', project, broken, '--document', 'appeal', '--lang', 'uk');
    expect(refused.code).toBe(1);
    expect(await readFile(project, 'utf8')).toBe(before);
  });
});

describe('the delivery formats on the command line', () => {
  it('converts any subtitle file to TTML, ASS and SBV, and reads each back', async () => {
    const folder = await temporaryFolder('convert-delivery');
    for (const to of ['ttml', 'ass', 'sbv']) {
      const converted = await cli('convert', fixture('quirks.srt'), '--to', to, '--lang', 'ru');
      expect(converted.code, converted.stderr).toBe(0);
      const file = join(folder, `quirks.${to}`);
      await writeFile(file, converted.stdout);
      const back = await cli('convert', file, '--to', 'srt');
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toContain('Привет, мир!\n위쪽 자막\n');
    }
  });

  it('exports TTML, ASS, SBV and STL with the usual names, and says why Korean gets no STL', async () => {
    const folder = await temporaryFolder('export-delivery');
    for (const [format, name] of [
      ['ttml', 'appeal.ko.ttml'],
      ['ass', 'appeal.uk.ass'],
      ['sbv', 'appeal.ru.sbv'],
      ['stl', 'appeal.uk.stl'],
    ] as const) {
      const language = name.split('.')[1] ?? '';
      const result = await cli('export', sampleFile, '--out', folder, '--format', format, '--lang', language);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n')).toEqual([join(folder, name)]);
    }
    const korean = await cli('export', sampleFile, '--out', folder, '--format', 'stl', '--lang', 'ko');
    expect(korean.code).toBe(0);
    expect(korean.stdout).toBe('');
    expect(korean.stderr).toContain('appeal (ko): EBU STL');
    expect(korean.stderr).toContain('no STL was written; export TTML or SRT instead');
  });

  it('imports an ASS script into a transcript column', async () => {
    const folder = await temporaryFolder('import-ass');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const script = join(folder, 'uk.ass');
    await writeFile(
      script,
      '[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.20,0:00:03.90,Default,,0,0,0,,{\\i1}Брати!{\\i0}\n',
    );
    const result = await cli('import', project, script, '--document', 'appeal', '--lang', 'uk');
    expect(result.code, result.stderr).toBe(0);
    expect(parseProject(await readFile(project, 'utf8')).documents[0]?.segments[0]?.texts.uk).toBe('Брати!');
  });
});
