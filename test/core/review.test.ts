import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTML_CONTENT_SECURITY_POLICY } from '../../src/formats/escape';
import { ENGLISH_REVIEW_LABELS, reviewRows, toReviewCsv, toReviewHtml } from '../../src/formats/review/review';
import { LANGUAGES } from '../../src/languages';
import { setSegmentStatus, setSegmentText } from '../../src/model/edit';
import type { Project, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { expectGolden } from '../support/golden';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

function documentOf(project: Project, id: string): SubrelayDocument {
  return project.documents.find((d) => d.id === id)!;
}

const article = documentOf(sample, 'article');
const appeal = documentOf(sample, 'appeal');

/** A strict RFC 4180 reader (CRLF records), to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"' && field === '') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) throw new Error('Unclosed quote');
        field += text.slice(index, quote);
        index = quote + 1;
        if (text[index] !== '"') break;
        field += '"';
        index += 1;
      }
      if (index < text.length && text[index] !== ',' && !text.startsWith('\r\n', index)) {
        throw new Error(`Text after a closing quote at ${index}`);
      }
    } else if (text[index] === ',') {
      fields.push(field);
      field = '';
      index += 1;
    } else if (text.startsWith('\r\n', index)) {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      index += 2;
    } else {
      const character = text[index]!;
      if (character === '\r' || character === '\n' || character === '"') {
        throw new Error(`Bare ${JSON.stringify(character)} at ${index}`);
      }
      field += character;
      index += 1;
    }
  }
  if (field !== '' || fields.length > 0) throw new Error('Last record without CRLF');
  return records;
}

/** The appeal with Korean cue q003 far too long for a subtitle. */
function withLongCue(): Project {
  return setSegmentText(
    sample,
    { documentId: 'appeal', segmentId: 'q003' },
    'ko',
    '우리를 가르는 것은 여러분이 택하지 않은 경계선뿐이며 그 경계선은 우리가 함께 넘을 수 있는 것이고 우리는 여러분을 기다리고 있습니다.',
  );
}

describe('reviewRows', () => {
  it('gives one row per included segment, numbered as in the grid', () => {
    const rows = reviewRows(sample, article, { languages: ['en', 'ko'] });
    const included = article.segments.filter((s) => s.excluded !== true);
    expect(rows.map((r) => r.segmentId)).toEqual(included.map((s) => s.id));
    expect(rows[0]).toMatchObject({ number: 1, segmentId: 'h001', role: 'headline' });
    const a005 = rows.find((r) => r.segmentId === 'a005')!;
    expect(a005.number).toBe(article.segments.findIndex((s) => s.id === 'a005') + 1);
    expect(a005.texts).toEqual({ en: article.segments[5]!.texts.en, ko: article.segments[5]!.texts.ko });
    expect(a005.status).toEqual({ en: 'source', ko: article.segments[5]!.status.ko });
    expect(rows.every((r) => r.start === undefined && r.end === undefined && r.findings.length === 0)).toBe(true);
  });

  it('gives transcripts their times and notes', () => {
    const rows = reviewRows(sample, appeal, { languages: ['ko'] });
    expect(rows[0]).toMatchObject({ number: 1, segmentId: 'q001', start: 1000, end: 4000 });
    expect(rows[3]?.note).toBe(appeal.segments[3]!.note);
  });

  it('keeps only rows with QA findings when asked, with the findings of the chosen languages', () => {
    const project = withLongCue();
    const document = documentOf(project, 'appeal');
    expect(reviewRows(sample, appeal, { languages: ['en', 'ko'], onlyFindings: true })).toEqual([]);
    // The sample's one finding: Russian cue 9 reads a little fast.
    expect(reviewRows(sample, appeal, { languages: LANGUAGES, onlyFindings: true }).map((r) => r.segmentId)).toEqual([
      'q009',
    ]);
    const rows = reviewRows(project, document, { languages: ['en', 'ko'], onlyFindings: true });
    expect(rows.map((r) => r.segmentId)).toEqual(['q003']);
    expect(rows[0]!.findings.length).toBeGreaterThan(0);
    expect(rows[0]!.findings.every((f) => f.language === 'ko' && f.segmentId === 'q003')).toBe(true);
    expect(reviewRows(project, document, { languages: ['en', 'uk'], onlyFindings: true })).toEqual([]);
  });

  it('filters by the status of the target languages', () => {
    const project = setSegmentStatus(
      setSegmentStatus(sample, { documentId: 'appeal', segmentId: 'q002' }, 'ko', 'translated'),
      { documentId: 'appeal', segmentId: 'q005' },
      'uk',
      'approved',
    );
    const document = documentOf(project, 'appeal');
    const ids = (options: Parameters<typeof reviewRows>[2]): string[] =>
      reviewRows(project, document, options).map((r) => r.segmentId);
    expect(ids({ languages: ['en', 'ko'], statuses: ['translated'] })).toEqual(['q002']);
    expect(ids({ languages: ['en', 'ko', 'uk'], statuses: ['translated', 'approved'] })).toEqual(['q002', 'q005']);
    expect(ids({ languages: ['en', 'ko'], statuses: ['approved'] })).toEqual([]);
    // The source language's 'source' does not count while a target is chosen...
    expect(ids({ languages: ['en', 'ko'], statuses: ['source'] })).toEqual([]);
    // ...but is what there is to filter on when only the source is chosen.
    expect(ids({ languages: ['en'], statuses: ['source'] })).toHaveLength(appeal.segments.length);
    expect(ids({ languages: ['en', 'ko'], statuses: [] })).toHaveLength(appeal.segments.length);
  });
});

describe('toReviewCsv', () => {
  it('writes the article and the appeal as in the golden files', () => {
    expectGolden('documents/article.review.csv', toReviewCsv(sample, article, { languages: LANGUAGES }));
    expectGolden(
      'documents/appeal.review.csv',
      toReviewCsv(withLongCue(), documentOf(withLongCue(), 'appeal'), { languages: LANGUAGES }),
    );
  });

  it('starts with a BOM, ends every record with CRLF and reads back field for field', () => {
    const csv = toReviewCsv(sample, appeal, { languages: ['en', 'ko'] });
    expect(csv.startsWith('\uFEFF#,ID,Start,End,en text,en status,ko text,ko status,Notes,QA\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/gu, '')).not.toMatch(/[\r\n]/u);
    const records = parseCsv(csv.slice(1));
    expect(records).toHaveLength(appeal.segments.length + 1);
    expect(records[1]).toEqual([
      '1',
      'q001',
      '00:00:01,000',
      '00:00:04,000',
      appeal.segments[0]!.texts.en,
      'source',
      appeal.segments[0]!.texts.ko,
      'draft',
      '',
      '',
    ]);
    expect(records.every((r) => r.length === 10)).toBe(true);
  });

  it('has no time columns for an article', () => {
    const csv = toReviewCsv(sample, article, { languages: ['uk'] });
    expect(csv.split('\r\n')[0]).toBe('\uFEFF#,ID,uk text,uk status,Notes,QA');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    let project = setSegmentText(sample, { documentId: 'appeal', segmentId: 'q001' }, 'ko', 'He said "no", then\nleft');
    project = setSegmentText(project, { documentId: 'appeal', segmentId: 'q002' }, 'ko', 'plain');
    const csv = toReviewCsv(project, documentOf(project, 'appeal'), { languages: ['ko'] });
    expect(csv).toContain(',"He said ""no"", then\nleft",');
    expect(csv).toContain(',plain,');
    const records = parseCsv(csv.slice(1));
    expect(records[1]?.[4]).toBe('He said "no", then\nleft');
  });

  it('prefixes an apostrophe to fields a spreadsheet would run as a formula', () => {
    const texts: ReadonlyArray<readonly [string, string]> = [
      ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
      ['+1', "'+1"],
      ['-5 °C', "'-5 °C"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['a=b', 'a=b'],
    ];
    for (const [text, field] of texts) {
      const project = setSegmentText(sample, { documentId: 'appeal', segmentId: 'q001' }, 'ru', text);
      const csv = toReviewCsv(project, documentOf(project, 'appeal'), { languages: ['ru'] });
      // The QA column may say the numbers differ from the English; only the text field matters here.
      expect(csv.split('\r\n')[1]?.startsWith(`1,q001,"00:00:01,000","00:00:04,000",${field},draft,`)).toBe(true);
    }
  });

  it('lists QA findings one per line in the QA column', () => {
    const project = withLongCue();
    const csv = toReviewCsv(project, documentOf(project, 'appeal'), { languages: ['ko'], onlyFindings: true });
    const records = parseCsv(csv.slice(1));
    expect(records).toHaveLength(2);
    const qa = records[1]!.at(-1)!;
    expect(qa.split('\n').every((line) => /^ko (error|warning) \([a-z-]+\): cue 3: /u.test(line))).toBe(true);
  });
});

describe('toReviewHtml', () => {
  const html = toReviewHtml(sample, article, { languages: LANGUAGES });

  it('writes the article as in the golden file', () => {
    expectGolden('documents/article.review.html', html);
  });

  it('is one self-contained HTML5 page with no scripts or outside resources', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html.toLowerCase()).not.toContain('<script');
    // No outside resources: the only "http" is the policy's own `http-equiv`.
    expect(html.replace(HTML_CONTENT_SECURITY_POLICY, '').toLowerCase()).not.toContain('http');
    expect(html).not.toMatch(/\s(?:src|href)=|url\(|@import/u);
  });

  it('has print styles that repeat the header and keep rows whole', () => {
    expect(html).toContain('@media print');
    expect(html).toMatch(/thead \{ display: table-header-group; \}/u);
    expect(html).toMatch(/tr \{ break-inside: avoid;/u);
  });

  it('captions the table and heads each language column with its own name', () => {
    expect(html).toMatch(/<caption>.*Kursk appeal.*Article.*한국어.*<\/caption>/u);
    expect(html).toContain('<th scope="col" lang="ko">한국어</th>');
    expect(html).toContain('<th scope="col" lang="uk">Українська</th>');
    expect(html).toContain('<th scope="col" lang="ru">Русский</th>');
    expect(html).toContain('<th scope="col" lang="en">English</th>');
    expect(html).not.toContain('>Start<');
  });

  it('marks each text cell with its language and leaves out page furniture', () => {
    const cells = [...html.matchAll(/<td class="text" lang="([a-z]+)">/gu)].map((m) => m[1]);
    const included = article.segments.filter((s) => s.excluded !== true).length;
    expect(cells).toHaveLength(included * LANGUAGES.length);
    expect(cells.slice(0, 4)).toEqual(['en', 'ko', 'uk', 'ru']);
    expect(html).not.toContain('JOIN US ON TELEGRAM');
    expect(html).toContain('<span class="status status-draft" lang="en">Draft</span>');
  });

  it('escapes every text and shows typed line breaks', () => {
    let project = setSegmentText(
      sample,
      { documentId: 'appeal', segmentId: 'q001' },
      'ko',
      '<script>alert("x")</script> & \'y\'\nhttps://example.com',
    );
    project = { ...project, title: 'A <b>"project"</b>' };
    const page = toReviewHtml(project, documentOf(project, 'appeal'), { languages: ['en', 'ko'] });
    expect(page).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;<br>https://example.com</div>',
    );
    expect(page).toContain('A &lt;b&gt;&quot;project&quot;&lt;/b&gt;');
    expect(page.toLowerCase()).not.toContain('<script');
    expect(page.replace('https://example.com', '').replace(HTML_CONTENT_SECURITY_POLICY, '')).not.toContain('http');
    expect(page).toContain('<td class="time">00:00:01,000</td>');
  });

  it('lists QA findings in the row and can keep only those rows', () => {
    const project = withLongCue();
    const page = toReviewHtml(project, documentOf(project, 'appeal'), { languages: ['en', 'ko'], onlyFindings: true });
    expect((page.match(/<tr class="has-findings">/gu) ?? []).length).toBe(1);
    expect(page).toMatch(
      /<li class="error"><span class="severity">Error<\/span> <span lang="ko">한국어<\/span>: <span lang="en">cue 3: /u,
    );
    expect(page).toContain('<span class="details">Only rows with QA findings</span>');
    const none = toReviewHtml(sample, appeal, { languages: ['ko'], onlyFindings: true });
    expect(none).toContain('<td class="empty" colspan="7">No rows match.</td>');
  });

  it('takes translated labels, keeping English for those not given', () => {
    const page = toReviewHtml(sample, article, {
      languages: ['ko'],
      statuses: ['draft'],
      labels: {
        language: 'ko',
        notes: '메모',
        statuses: { ...ENGLISH_REVIEW_LABELS.statuses, draft: '초안' },
      },
    });
    expect(page).toContain('<html lang="ko">');
    expect(page).toContain('<th scope="col">메모</th>');
    expect(page).toContain('<th scope="col">QA</th>');
    expect(page).toContain('<span class="status status-draft" lang="ko">초안</span>');
    expect(page).toContain('Only rows in these statuses: 초안');
  });
});
