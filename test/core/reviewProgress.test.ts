import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/languages';
import { setSegmentStatus, setSegmentText } from '../../src/model/edit';
import type { Project, Segment, SegmentStatus } from '../../src/model/project';
import { filterRows, isFilterActive } from '../../src/review/filter';
import { countProgress, documentProgress } from '../../src/review/progress';
import { replaceAt } from '../../src/model/segmentIndex';

const LANGS: ReadonlyArray<Language> = ['en', 'ko', 'uk', 'ru'];

function row(id: string, uk: SegmentStatus, ru: SegmentStatus, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph: 0,
    texts: { en: id, ko: '', uk: '', ru: '' },
    status: { en: 'source', ko: 'draft', uk, ru },
    ...extra,
  };
}

const project: Project = {
  format: 'subrelay',
  version: 4,
  requires: '0.4.0',
  title: 't',
  languages: LANGS,
  frameRate: 25,
  notes: [],
  documents: [
    {
      id: 'd',
      kind: 'article',
      title: 'd',
      sourceLanguage: 'en',
      segments: [
        row('a', 'translated', 'draft'),
        row('b', 'reviewed', 'approved', {
          comments: [{ language: 'ru', author: 'A', time: '2026-11-30T08:00:00Z', text: 'why?' }],
        }),
        row('c', 'approved', 'translated', { confidence: { uk: 0.2 } }),
        row('x', 'draft', 'draft', { excluded: true, note: 'furniture' }),
        row('d', 'translated', 'reviewed', { confidence: { ru: 0.7 } }),
      ],
    },
  ],
  settings: {},
};
const document = project.documents[0]!;

describe('progress per language', () => {
  it('counts each status of each translation column, leaving out excluded rows and the source language', () => {
    const progress = countProgress(document, LANGS);
    expect(progress.map((p) => p.language)).toEqual(['ko', 'uk', 'ru']);
    expect(progress.find((p) => p.language === 'uk')).toEqual({
      language: 'uk',
      draft: 0,
      translated: 2,
      reviewed: 1,
      approved: 1,
      total: 4,
    });
    expect(progress.find((p) => p.language === 'ru')).toMatchObject({
      draft: 1,
      translated: 1,
      reviewed: 1,
      approved: 1,
    });
    expect(progress.find((p) => p.language === 'ko')).toMatchObject({ draft: 4, total: 4 });
  });

  it('is cached per document value and, after an edit, agrees with a count from scratch', () => {
    const first = documentProgress(document, LANGS);
    expect(documentProgress(document, LANGS)).toBe(first);
    let edited = setSegmentStatus(project, { documentId: 'd', segmentId: 'a' }, 'uk', 'approved');
    edited = setSegmentText(edited, { documentId: 'd', segmentId: 'b' }, 'ru', 'typed');
    edited = setSegmentStatus(edited, { documentId: 'd', segmentId: 'x' }, 'ru', 'approved');
    const after = documentProgress(edited.documents[0]!, LANGS);
    expect(after).toEqual(countProgress(edited.documents[0]!, LANGS));
    expect(after.find((p) => p.language === 'uk')).toMatchObject({ translated: 1, approved: 2, total: 4 });
    // Another document value with other rows is counted from scratch, not from the last one.
    const fewer = { ...document, segments: document.segments.slice(0, 2) };
    expect(documentProgress(fewer, LANGS)).toEqual(countProgress(fewer, LANGS));
  });
});

describe('progress while typing', () => {
  it('after an edit of one cell reads that row only, not every row', () => {
    let reads = 0;
    const rows = Array.from({ length: 1000 }, (_, index) => row(`r${index}`, 'draft', 'translated'));
    // Counts the reads of the previous version's rows.
    const counted = new Proxy(rows, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const big = { ...document, id: 'big', segments: counted };
    expect(documentProgress(big, LANGS).find((p) => p.language === 'uk')).toMatchObject({ draft: 1000 });
    const typed = replaceAt(counted, 500, row('r500', 'approved', 'translated'));
    reads = 0;
    const after = documentProgress({ ...big, segments: typed }, LANGS);
    expect(reads).toBeLessThanOrEqual(1);
    expect(after).toEqual(countProgress({ ...big, segments: typed }, LANGS));
    expect(after.find((p) => p.language === 'uk')).toMatchObject({ draft: 999, approved: 1 });
  });
});

describe('row filters', () => {
  const ids = (filter: Parameters<typeof filterRows>[1], findings?: Set<string>) =>
    filterRows(document, filter, findings);

  it('an empty filter shows every row, excluded ones too', () => {
    expect(isFilterActive({})).toBe(false);
    expect(ids({})).toEqual(['a', 'b', 'c', 'x', 'd']);
  });

  it('by status in one language, or in any; excluded rows are left out', () => {
    expect(isFilterActive({ status: 'draft' })).toBe(true);
    expect(ids({ language: 'uk', status: 'translated' })).toEqual(['a', 'd']);
    expect(ids({ language: 'uk', status: 'draft' })).toEqual([]);
    expect(ids({ status: 'approved' })).toEqual(['b', 'c']);
  });

  it('with findings, from the cells QA found something in', () => {
    const findings = new Set(['c:ru', 'd:uk']);
    expect(ids({ findings: true }, findings)).toEqual(['c', 'd']);
    expect(ids({ findings: true, language: 'uk' }, findings)).toEqual(['d']);
    expect(ids({ findings: true })).toEqual([]);
  });

  it('with notes: a comment on the column, or any comment or row note', () => {
    expect(ids({ notes: true })).toEqual(['b', 'x']);
    expect(ids({ notes: true, language: 'ru' })).toEqual(['b']);
    expect(ids({ notes: true, language: 'uk' })).toEqual([]);
  });

  it('uncertain links are those under 0.5', () => {
    expect(ids({ uncertain: true })).toEqual(['c']);
    expect(ids({ uncertain: true, language: 'ru' })).toEqual([]);
  });

  it('conditions hold together', () => {
    expect(ids({ language: 'uk', status: 'approved', uncertain: true })).toEqual(['c']);
    expect(ids({ language: 'uk', status: 'translated', uncertain: true })).toEqual([]);
  });
});
