import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUBBING } from '../../src/dub/speakingTime';
import { DUB_CSV_HEADER, dubRows, toDubCsv, toDubHtml } from '../../src/formats/dub/dub';
import { LANGUAGES, type Language } from '../../src/languages';
import type { Project, Segment, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { expectGolden } from '../support/golden';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const appeal = documentOf(sample, 'appeal');

function documentOf(project: Project, id: string): SubrelayDocument {
  const found = project.documents.find((document) => document.id === id);
  if (found === undefined) throw new Error(`the sample has no ${id}`);
  return found;
}

/**
 * Compares with a file under test/fixtures/dub/, byte for byte.
 *
 * `UPDATE_GOLDEN=1` rewrites the file first; review the diff before committing it.
 */
function segment(
  id: string,
  start: number | undefined,
  end: number | undefined,
  en: string,
  extra: Partial<Segment> = {},
): Segment {
  return {
    id,
    paragraph: 0,
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    texts: { en, ko: '', uk: '', ru: '' },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

function projectWith(
  segments: ReadonlyArray<Segment>,
  extra: Partial<Project> = {},
): { project: Project; document: SubrelayDocument } {
  const document: SubrelayDocument = {
    id: 't',
    kind: 'transcript',
    title: 'Test <script>',
    sourceLanguage: 'en',
    segments,
  };
  return { project: { ...sample, documents: [document], ...extra }, document };
}

/** The CSV's records, BOM and final CRLF removed; fields left quoted. */
function csvRecords(csv: string): string[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(1, -2).split('\r\n');
}

describe('dubRows', () => {
  it('writes one row per timed cue of the sample with both timecodes, slot, syllables and fit', () => {
    const rows = dubRows(sample, appeal, 'uk');
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({
      number: 1,
      segmentId: 'q001',
      start: 1000,
      end: 4000,
      startTimecode: '00:00:01:00',
      endTimecode: '00:00:04:00',
      startSrt: '00:00:01,000',
      endSrt: '00:00:04,000',
      slotMs: 3000,
      text: 'Брати мої, ми з вами з одного народу,',
      syllables: 13,
      speakingMs: 2750,
      method: 'syllables',
      fits: true,
      overMs: 0,
      ratio: 2750 / 3000,
    });
    // 4083 ms is frame 98 at 24 fps.
    expect(rows[1]?.startTimecode).toBe('00:00:04:02');
  });

  it('skips excluded, untimed and empty rows and numbers the rest from 1', () => {
    const { project, document } = projectWith([
      segment('a', 0, 1000, 'One.'),
      segment('b', undefined, undefined, 'Untimed.'),
      segment('c', 1000, 2000, 'Gone.', { excluded: true }),
      segment('d', 2000, 3000, '   '),
      segment('e', 3000, 4000, 'Two.'),
    ]);
    const rows = dubRows(project, document, 'en');
    expect(rows.map((row) => [row.number, row.segmentId])).toEqual([
      [1, 'a'],
      [2, 'e'],
    ]);
  });

  it('uses a measured time where there is one and the estimate elsewhere', () => {
    const rows = dubRows(sample, appeal, 'ru', { measuredMs: { q001: 5000, q002: Number.NaN, toString: 1 } });
    expect(rows[0]).toMatchObject({ method: 'espeak', speakingMs: 5000, fits: false, overMs: 2000 });
    expect(rows[1]).toMatchObject({ method: 'syllables' });
    expect(rows.filter((row) => row.method === 'espeak')).toHaveLength(1);
  });

  it('takes the project’s rates and tolerance, or the ones passed in', () => {
    const slow = { rates: { en: 1, ko: 1, uk: 1, ru: 1 }, tolerancePercent: 0 };
    const own = { ...sample, settings: { dubbing: slow } };
    const slowRows = dubRows(own, appeal, 'en');
    expect(slowRows).toHaveLength(appeal.segments.length);
    expect(slowRows.filter((row) => row.fits)).toEqual([]);
    expect(dubRows(own, appeal, 'en', { settings: DEFAULT_DUBBING })).toEqual(dubRows(sample, appeal, 'en'));
    expect(
      dubRows(sample, appeal, 'en')
        .filter((row) => !row.fits)
        .map((row) => row.segmentId),
    ).toEqual(['q003', 'q006']);
  });
});

describe('toDubCsv', () => {
  it('writes the Ukrainian appeal exactly as the golden file', () => {
    expectGolden('dub/appeal.uk.dub.csv', toDubCsv(sample, appeal, 'uk'));
  });

  it('writes the Korean appeal exactly as the golden file', () => {
    expectGolden('dub/appeal.ko.dub.csv', toDubCsv(sample, appeal, 'ko'));
  });

  it('starts with a BOM and the header, and ends every record with CRLF', () => {
    for (const language of LANGUAGES) {
      const records = csvRecords(toDubCsv(sample, appeal, language));
      expect(records[0]).toBe(DUB_CSV_HEADER.join(','));
      expect(records[0]).toBe(
        'Cue,Start (TC),End (TC),Start,End,Slot (s),Line,Syllables,Speaking time (s),Method,Fits,Over by (s)',
      );
      expect(records).toHaveLength(10);
    }
  });

  it('writes seconds with a point and two decimals, and Fits as yes or NO', () => {
    const { project, document } = projectWith([
      segment('a', 1005, 2010, 'Hello'),
      segment('b', 0, 1000, 'Many many many many many many many many syllables'),
    ]);
    const [, first, second] = csvRecords(toDubCsv(project, document, 'en'));
    // The SRT-style times hold a comma, so they are quoted.
    expect(first).toBe('1,00:00:01:00,00:00:02:00,"00:00:01,005","00:00:02,010",1.01,Hello,2,0.50,syllables,yes,0.00');
    expect(second).toBe(
      '2,00:00:00:00,00:00:01:00,"00:00:00,000","00:00:01,000",1.00,Many many many many many many many many syllables,19,4.75,syllables,NO,3.75',
    );
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const { project, document } = projectWith([segment('a', 0, 5000, 'He said "no",\n  then left.  ')]);
    const csv = toDubCsv(project, document, 'en');
    expect(csv).toContain(',"He said ""no"",\nthen left.",');
  });

  it('defuses lines a spreadsheet would run as formulas', () => {
    const lines = ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '- Dialogue dash'];
    const { project, document } = projectWith(
      lines.map((line, index) => segment(`s${index}`, index * 1000, index * 1000 + 900, line)),
    );
    const records = csvRecords(toDubCsv(project, document, 'en')).slice(1);
    expect(records[0]).toContain(',"\'=HYPERLINK(""http://x"")",');
    expect(records[1]).toContain(",'+1,");
    expect(records[2]).toContain(",'-2+3,");
    expect(records[3]).toContain(",'@SUM(A1),");
    expect(records[4]).toContain(",'- Dialogue dash,");
  });

  it('names the method for measured lines', () => {
    const [, first] = csvRecords(toDubCsv(sample, appeal, 'en', { measuredMs: { q001: 2291 } }));
    expect(first).toMatch(/,2\.29,espeak-ng,yes,0\.00$/u);
  });
});

describe('toDubHtml', () => {
  it('writes the Russian appeal exactly as the golden file', () => {
    expectGolden('dub/appeal.ru.dub.html', toDubHtml(sample, appeal, 'ru'));
  });

  it('is a self-contained printable page', () => {
    const html = toDubHtml(sample, appeal, 'en');
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('tr { break-inside: avoid;');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(|@import/iu);
    expect(html.match(/<caption>/gu)).toHaveLength(1);
  });

  it('names project, document, language, frame rate, rate and tolerance in the caption', () => {
    const html = toDubHtml(sample, appeal, 'ko');
    const caption = /<caption>(.*)<\/caption>/u.exec(html)?.[1] ?? '';
    expect(caption).toContain(sample.title);
    expect(caption).toContain(appeal.title);
    expect(caption).toContain('<span lang="ko">한국어</span>');
    expect(caption).toContain('24 fps');
    expect(caption).toContain('6.5 syllables/s');
    expect(caption).toContain('tolerance 10 %');
  });

  it('marks the language of each line and flags lines that do not fit in words', () => {
    for (const language of LANGUAGES satisfies ReadonlyArray<Language>) {
      const html = toDubHtml(sample, appeal, language);
      expect(html.match(new RegExp(`<td class="line" lang="${language}">`, 'gu'))).toHaveLength(9);
      const notFitting = dubRows(sample, appeal, language).filter((row) => !row.fits).length;
      expect(html.match(/✗ does not fit \(\+\d+\.\d s\)/gu) ?? []).toHaveLength(notFitting);
      expect(html.match(/class="over"/gu) ?? []).toHaveLength(notFitting);
    }
    const { project, document } = projectWith([segment('a', 0, 1000, 'Many many many many many many syllables')]);
    const html = toDubHtml(project, document, 'en');
    expect(html).toContain('✗ does not fit (+2.8 s)');
    expect(html).toContain('1 of 1 line does not fit its slot.');
  });

  it('counts the lines that do not fit in a summary', () => {
    const html = toDubHtml(sample, appeal, 'en');
    const notFitting = dubRows(sample, appeal, 'en').filter((row) => !row.fits).length;
    expect(html).toContain(`<p class="summary">${notFitting} of 9 lines do not fit their slots.</p>`);
    const fitting = toDubHtml(sample, appeal, 'en', { settings: { ...DEFAULT_DUBBING, tolerancePercent: 100 } });
    expect(fitting).toContain('<p class="summary">All 9 lines fit their slots.</p>');
  });

  it('escapes every text and turns line breaks into <br>', () => {
    const { project, document } = projectWith([segment('a', 0, 5000, '<b>Tom & "Jerry"</b>\n\'quoted\'')], {
      title: 'A & B <i>',
    });
    const html = toDubHtml(project, document, 'en');
    expect(html).toContain('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;<br>&#39;quoted&#39;');
    expect(html).toContain('Project: A &amp; B &lt;i&gt;');
    expect(html).toContain('Test &lt;script&gt;');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script>');
  });

  it('says which lines were measured with espeak-ng', () => {
    const html = toDubHtml(sample, appeal, 'uk', { measuredMs: { q001: 1829 } });
    expect(html).toContain('1.83<span class="method">espeak-ng</span>');
    expect(html).toContain('measured with espeak-ng (1 line), otherwise estimated at 5 syllables/s');
  });
});
