import { describe, expect, it } from 'vitest';
import type { Segment, SubrelayDocument } from '../../src/model/project';
import { rowCounter } from '../../src/model/rowCounter';
import { replaceAt } from '../../src/model/segmentIndex';
import { columnWidths, contentWeights } from '../../renderer/src/components/columns';
import { sameCellSegment, sameMeasuredSegment, sameRowHeader, selectRowIds } from '../../renderer/src/components/Grid';
import { sameShownSegment } from '../../renderer/src/App';
import { INITIAL_STATE, type AppState } from '../../renderer/src/store/appState';
import { createHistory } from '../../src/model/history';
import { bigProject } from '../support/bigProject';

function segment(id: string, texts: Partial<Segment['texts']>, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph: 0,
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

const article = (segments: Segment[]): SubrelayDocument => ({
  id: 'a',
  kind: 'article',
  title: 'A',
  sourceLanguage: 'en',
  segments,
});

describe('article column widths from the text', () => {
  const long = 'Південнокорейський військовий, який воює на боці України, оприлюднив звернення.';
  const document = article([
    segment('a1', { en: 'A soldier published an appeal.', ko: '병사가 호소했다.', ru: long }),
    segment('a2', { en: 'He asked them to desert.', ko: '탈영을 촉구했다.', ru: long }),
    segment('x', { en: 'JOIN US ON TELEGRAM '.repeat(40) }, { excluded: true }),
  ]);

  it('gives more room to the language with longer texts, and none less than half the mean', () => {
    const weights = contentWeights(document, ['en', 'ko', 'ru']);
    expect(weights.ru).toBeGreaterThan(weights.en ?? 0);
    // Hangul is counted nearly twice as wide as Latin letters, so Korean is not squeezed.
    expect(weights.ko).toBeGreaterThanOrEqual(0.5);
    // Excluded page furniture does not widen English.
    expect(weights.en).toBeLessThan(weights.ru ?? 0);
  });

  it('shares what the number column leaves by weight, each column at least readable', () => {
    const widths = columnWidths(['en', 'ko', 'ru'], { en: 1, ko: 1, ru: 2 }, 1200, false);
    expect(widths.ru).toBeGreaterThan((widths.en ?? 0) * 1.5);
    expect((widths.en ?? 0) + (widths.ko ?? 0) + (widths.ru ?? 0)).toBeLessThanOrEqual(1200);
    const narrow = columnWidths(['en', 'ko', 'uk', 'ru'], { en: 0.1, ko: 5, uk: 1, ru: 1 }, 600, true);
    for (const language of ['en', 'ko', 'uk', 'ru'] as const) expect(narrow[language]).toBeGreaterThanOrEqual(140);
    expect(columnWidths(['en'], {}, 0, true)).toEqual({});
  });
});

describe('a sum over rows kept edit by edit', () => {
  const uncertain = (s: Segment): number => Object.values(s.confidence ?? {}).filter((v) => (v ?? 1) < 0.5).length;

  it('reads only the changed rows after an edit, and counts like a full pass', () => {
    let reads = 0;
    const count = rowCounter((s) => {
      reads++;
      return uncertain(s);
    });
    const segments = Array.from({ length: 1000 }, (_, i) =>
      segment(`s${i}`, {}, i % 10 === 0 ? { confidence: { uk: 0.2 } } : {}),
    );
    expect(count(segments)).toBe(100);
    expect(reads).toBe(1000);
    reads = 0;
    const edited = replaceAt(segments, 10, segment('s10', { uk: 'fixed' }));
    expect(count(edited)).toBe(99);
    expect(reads).toBe(2);
    // An undo (the old array again) is known already.
    reads = 0;
    expect(count(segments)).toBe(100);
    expect(reads).toBe(0);
    // Rows added: one full pass.
    expect(count([...edited, segment('new', {}, { confidence: { ko: 0.1, ru: 0.3 } })])).toBe(101);
  });
});

describe('a cell re-renders only when what it shows changes', () => {
  const row = segment('c1', { en: 'Hello.', uk: 'Привіт.' }, { start: 1000, end: 3000 });

  it('typing in Ukrainian re-renders the Ukrainian cell, not the English one, nor the row', () => {
    const typed = { ...row, texts: { ...row.texts, uk: 'Привіт!' } };
    expect(sameCellSegment(row, typed, 'uk')).toBe(false);
    expect(sameCellSegment(row, typed, 'en')).toBe(true);
    expect(sameRowHeader(row, typed)).toBe(true);
  });

  it('a new time, exclusion, status or confidence of the cell re-renders it', () => {
    for (const changed of [
      { ...row, end: 4000 },
      { ...row, excluded: true },
      { ...row, status: { ...row.status, en: 'approved' as const } },
      { ...row, confidence: { en: 0.2 } },
    ]) {
      expect(sameCellSegment(row, changed, 'en')).toBe(false);
    }
    expect(sameCellSegment(row, undefined, 'en')).toBe(false);
  });

  it('a new time, exclusion, paragraph or role re-renders the row', () => {
    for (const changed of [
      { ...row, start: 500 },
      { ...row, excluded: true },
      { ...row, paragraph: 3 },
      { ...row, role: 'headline' as const },
    ]) {
      expect(sameRowHeader(row, changed)).toBe(false);
    }
  });
});

describe('the row ids of the grid while typing', () => {
  const stateOf = (project: ReturnType<typeof bigProject>): AppState => ({
    ...INITIAL_STATE,
    workspace: {
      history: createHistory(project),
      settings: project.settings,
      savedSettings: project.settings,
      path: null,
      name: 'big',
      journalId: 'j',
      revision: null,
    },
    documentId: 'appeal',
  });

  it('are the same array after an edit of one cell, found without reading every row', () => {
    const project = bigProject(1000, 10);
    const transcript = project.documents[0]!;
    let reads = 0;
    const counted = new Proxy(transcript.segments as Segment[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const before = { ...project, documents: [{ ...transcript, segments: counted }, ...project.documents.slice(1)] };
    const ids = selectRowIds(stateOf(before));
    expect(ids).toHaveLength(1000);
    const typed = replaceAt(counted, 500, { ...counted[500]!, texts: { ...counted[500]!.texts, uk: 'Нове' } });
    reads = 0;
    const after = { ...before, documents: [{ ...transcript, segments: typed }, ...project.documents.slice(1)] };
    expect(selectRowIds(stateOf(after))).toBe(ids);
    expect(reads).toBe(0);
  });
});

describe('the side panel re-renders for what it shows', () => {
  const row = segment('s1', { en: 'One.' }, { note: 'Check the name.' });
  it('not for a text typed in the row', () => {
    expect(sameShownSegment(row, { ...row, texts: { ...row.texts, uk: 'Один.' } })).toBe(true);
  });
  it('for another row, a note, comments or exclusion', () => {
    expect(sameShownSegment(row, { ...row, id: 's2' })).toBe(false);
    expect(sameShownSegment(row, { ...row, note: 'Checked.' })).toBe(false);
    expect(sameShownSegment(row, { ...row, excluded: true })).toBe(false);
    expect(
      sameShownSegment(row, {
        ...row,
        comments: [{ language: 'uk', author: 'O.', time: '2026-11-30T12:00:00Z', text: 'Так.' }],
      }),
    ).toBe(false);
    expect(sameShownSegment(row, undefined)).toBe(false);
  });
});

describe('a cell’s measures re-render for what they measure', () => {
  const row = segment('s1', { en: 'One.', uk: 'Один.' }, { start: 1000, end: 2000 });
  it('its times and its own text', () => {
    expect(sameMeasuredSegment(row, { ...row, texts: { ...row.texts, en: 'Two.' } }, 'uk')).toBe(true);
    expect(sameMeasuredSegment(row, { ...row, status: { ...row.status, uk: 'approved' } }, 'uk')).toBe(true);
    expect(sameMeasuredSegment(row, { ...row, texts: { ...row.texts, uk: 'Два.' } }, 'uk')).toBe(false);
    expect(sameMeasuredSegment(row, { ...row, end: 2500 }, 'uk')).toBe(false);
    expect(sameMeasuredSegment(row, { ...row, start: 500 }, 'uk')).toBe(false);
    expect(sameMeasuredSegment(row, undefined, 'uk')).toBe(false);
  });
});
