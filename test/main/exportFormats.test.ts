import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { createHandlers } from '../../main/handlers/handlers';
import { dispatch } from '../../main/handlers/dispatch';
import { EXPORT_FORMATS, type ExportFormat } from '../../src/export/plan';
import { serializeProject } from '../../src/model/serialize';
import { loadSample, sampleFile, useTemporaryFolders, webHost } from './support';

const temporaryFolder = useTemporaryFolders();

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** What each format writes for the sample (both documents, all four languages), by file name. */
const EXPECTED: Readonly<Record<ExportFormat, ReadonlyArray<string>>> = {
  auto: [
    'appeal.en.srt',
    'appeal.ko.srt',
    'appeal.uk.srt',
    'appeal.ru.srt',
    'article.en.txt',
    'article.ko.txt',
    'article.uk.txt',
    'article.ru.txt',
  ],
  srt: ['appeal.en.srt', 'appeal.ko.srt', 'appeal.uk.srt', 'appeal.ru.srt'],
  vtt: ['appeal.en.vtt', 'appeal.ko.vtt', 'appeal.uk.vtt', 'appeal.ru.vtt'],
  'srt-bilingual': ['appeal.en+ko.srt', 'appeal.ko+en.srt', 'appeal.uk+en.srt', 'appeal.ru+en.srt'],
  ttml: ['appeal.en.ttml', 'appeal.ko.ttml', 'appeal.uk.ttml', 'appeal.ru.ttml'],
  ass: ['appeal.en.ass', 'appeal.ko.ass', 'appeal.uk.ass', 'appeal.ru.ass'],
  sbv: ['appeal.en.sbv', 'appeal.ko.sbv', 'appeal.uk.sbv', 'appeal.ru.sbv'],
  // Korean is refused with a warning: EBU STL's character tables have no Hangul.
  stl: ['appeal.en.stl', 'appeal.uk.stl', 'appeal.ru.stl'],
  txt: [
    'appeal.en.txt',
    'appeal.ko.txt',
    'appeal.uk.txt',
    'appeal.ru.txt',
    'article.en.txt',
    'article.ko.txt',
    'article.uk.txt',
    'article.ru.txt',
  ],
  md: [
    'appeal.en.md',
    'appeal.ko.md',
    'appeal.uk.md',
    'appeal.ru.md',
    'article.en.md',
    'article.ko.md',
    'article.uk.md',
    'article.ru.md',
  ],
  docx: [
    'appeal.en.docx',
    'appeal.ko.docx',
    'appeal.uk.docx',
    'appeal.ru.docx',
    'article.en.docx',
    'article.ko.docx',
    'article.uk.docx',
    'article.ru.docx',
  ],
  'dub-csv': ['appeal.en.dub.csv', 'appeal.ko.dub.csv', 'appeal.uk.dub.csv', 'appeal.ru.dub.csv'],
  'dub-html': ['appeal.en.dub.html', 'appeal.ko.dub.html', 'appeal.uk.dub.html', 'appeal.ru.dub.html'],
  'review-html': ['appeal.en+ko+uk+ru.review.html', 'article.en+ko+uk+ru.review.html'],
  'review-csv': ['appeal.en+ko+uk+ru.review.csv', 'article.en+ko+uk+ru.review.csv'],
  xliff2: [
    'appeal.en-ko.xlf',
    'appeal.en-uk.xlf',
    'appeal.en-ru.xlf',
    'article.en-ko.xlf',
    'article.en-uk.xlf',
    'article.en-ru.xlf',
  ],
  xliff12: [
    'appeal.en-ko.xliff',
    'appeal.en-uk.xliff',
    'appeal.en-ru.xliff',
    'article.en-ko.xliff',
    'article.en-uk.xliff',
    'article.en-ru.xliff',
  ],
  // Every translation in the sample is a draft, and drafts stay out of a translation memory.
  tmx: [],
};

describe('subrelay export --format', () => {
  it('knows every format the dialog offers', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it.each(EXPORT_FORMATS.map((format) => [format]))('writes the %s files with the shared naming', async (format) => {
    const out = await temporaryFolder(`export-${format}`);
    const run = await cli('export', sampleFile, '--format', format, '--out', out);
    expect(run.code).toBe(0);
    const expected = EXPECTED[format].map((name) => join(out, name));
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(expected);
    expect((await readdir(out)).sort()).toEqual([...EXPECTED[format]].sort());
    for (const file of expected) expect((await readFile(file)).length).toBeGreaterThan(100);
  });

  it('writes a TMX only of finished translations, and says when there are none', async () => {
    const out = await temporaryFolder('export-tmx');
    const drafts = await cli('export', sampleFile, '--format', 'tmx', '--out', out);
    expect(drafts.stderr).toContain(
      'warning: appeal: no segment has two or more finished (translated, reviewed or approved) languages, so no TMX was written',
    );
    const project = await loadSample();
    const finished = join(out, 'finished.subrelay');
    await writeFile(
      finished,
      serializeProject({
        ...project,
        documents: project.documents.map((d) => ({
          ...d,
          segments: d.segments.map((s) => ({ ...s, status: { ...s.status, uk: 'translated' as const } })),
        })),
      }),
    );
    const run = await cli('export', finished, '--format', 'tmx', '--lang', 'en,uk', '--out', out);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      join(out, 'appeal.en+uk.tmx'),
      join(out, 'article.en+uk.tmx'),
    ]);
    const tmx = await readFile(join(out, 'appeal.en+uk.tmx'), 'utf8');
    expect(tmx.match(/<tu /gu)).toHaveLength(9);
    expect(tmx).toContain('<seg>Брати мої, ми з вами з одного народу,</seg>');
  });

  it('says which documents a format does not apply to, and which language is the XLIFF source', async () => {
    const out = await temporaryFolder('export-warnings');
    const dub = await cli('export', sampleFile, '--format', 'dub-html', '--lang', 'ru', '--out', out);
    expect(dub.stderr.split('\n').filter(Boolean)).toEqual([
      `subrelay: ${sampleFile}: warning: appeal (ru) segment q003: takes longer to say than its slot allows`,
      `subrelay: ${sampleFile}: warning: article (ru): the dub-html format does not apply to this document`,
    ]);
    const xliff = await cli(
      'export',
      sampleFile,
      '--format',
      'xliff12',
      '--source',
      'ko',
      '--lang',
      'ko,uk',
      '--out',
      out,
    );
    expect(xliff.stdout.split('\n').filter(Boolean)).toEqual([
      join(out, 'appeal.ko-uk.xliff'),
      join(out, 'article.ko-uk.xliff'),
    ]);
    expect(xliff.stderr).toContain('warning: appeal (ko): is the XLIFF source language, so it gets no file of its own');
  });

  it('refuses unknown formats, statuses, source languages and speaking-time methods as usage errors', async () => {
    const out = await temporaryFolder('export-usage');
    for (const [flag, value] of [
      ['--format', 'pdf'],
      ['--status', 'done'],
      ['--source', 'de'],
      ['--speaking-time', 'guess'],
    ] as const) {
      const run = await cli('export', sampleFile, flag, value, '--out', out);
      expect(run.code, `${flag} ${value}`).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^subrelay: ${flag}: "${value}" is not`, 'u'));
    }
  });

  it('filters review rows by status on the command line', async () => {
    const out = await temporaryFolder('export-review');
    const all = await cli('export', sampleFile, '--format', 'review-csv', '--lang', 'en,ko', '--out', out);
    expect(all.code).toBe(0);
    const allRows = (await readFile(join(out, 'appeal.en+ko.review.csv'), 'utf8')).trim().split('\r\n');
    expect(allRows).toHaveLength(1 + 9);
    await cli('export', sampleFile, '--format', 'review-csv', '--lang', 'en,ko', '--status', 'approved', '--out', out);
    const none = (await readFile(join(out, 'appeal.en+ko.review.csv'), 'utf8')).trim().split('\r\n');
    expect(none).toHaveLength(1);
  });
});

/** `YYMMDD` of a local calendar day, as EBU STL's header writes dates. */
function stlDate(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(date.getFullYear() % 100)}${two(date.getMonth() + 1)}${two(date.getDate())}`;
}

/** The creation and revision dates in an EBU STL file's header. */
async function stlDates(file: string): Promise<string[]> {
  const header = (await readFile(file)).subarray(224, 236).toString('latin1');
  return [header.slice(0, 6), header.slice(6)];
}

describe('EBU STL from the shell', () => {
  it('subrelay export dates the header today, and names the segment where Ґ was written as Г', async () => {
    const out = await temporaryFolder('export-stl');
    const project = await loadSample();
    const file = join(out, 'ghe.subrelay');
    await writeFile(
      file,
      serializeProject({
        ...project,
        documents: project.documents.map((d) => ({
          ...d,
          segments: d.segments.map((s, index) =>
            index === 0 ? { ...s, texts: { ...s.texts, uk: `Ґанок і ґудзик. ${s.texts.uk}` } } : s,
          ),
        })),
      }),
    );
    const before = stlDate(new Date());
    const run = await cli('export', file, '--format', 'stl', '--lang', 'uk', '--out', out);
    const after = stlDate(new Date());
    expect(run.code).toBe(0);
    const [created, revised] = await stlDates(join(out, 'appeal.uk.stl'));
    expect([before, after]).toContain(created);
    expect(revised).toBe(created);
    const segment = project.documents[0]?.segments[0]?.id ?? '';
    expect(run.stderr.split('\n').filter((line) => line.includes('8859-5'))).toEqual([
      `subrelay: ${file}: warning: appeal (uk) segment ${segment}: EBU STL's Cyrillic table (ISO 8859-5) has no Ґґ: written as Гг`,
    ]);
  });

  it('the exportFiles handler dates the header today', async () => {
    const folder = await temporaryFolder('handler-stl');
    const handlers = createHandlers(webHost(folder));
    const before = stlDate(new Date());
    const result = await dispatch(handlers, 'exportFiles', {
      project: await loadSample(),
      documentIds: ['appeal'],
      languages: ['ru'],
      format: 'stl',
      folder,
    });
    const after = stlDate(new Date());
    expect(result).toMatchObject({ ok: true });
    const [created, revised] = await stlDates(join(folder, 'appeal.ru.stl'));
    expect([before, after]).toContain(created);
    expect(revised).toBe(created);
  });
});

describe('the exportFiles handler', () => {
  it('writes DOCX bytes and measures dubbing lines with espeak-ng when asked', async () => {
    const folder = await temporaryFolder('handler-export');
    const handlers = createHandlers(webHost(folder));
    const project = await loadSample();
    const docx = await dispatch(handlers, 'exportFiles', {
      project,
      documentIds: ['article'],
      languages: ['ko'],
      format: 'docx',
      folder,
    });
    expect(docx).toMatchObject({ ok: true });
    const bytes = await readFile(join(folder, 'article.ko.docx'));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const dub = await dispatch(handlers, 'exportFiles', {
      project,
      documentIds: ['appeal'],
      languages: ['uk'],
      format: 'dub-csv',
      folder,
      speakingTime: 'espeak',
    });
    expect(dub).toMatchObject({ ok: true });
    const csv = await readFile(join(folder, 'appeal.uk.dub.csv'), 'utf8');
    // Method is the column before the fit flag; no line says "syllables" once espeak-ng measured it.
    expect(csv.match(/,espeak-ng,(yes|NO),/gu)).toHaveLength(9);
    expect(csv).not.toMatch(/,syllables,(yes|NO),/u);
  });
});
