import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mergeWithNext,
  setSegmentExcluded,
  setSegmentStatus,
  setSegmentText,
  splitSegment,
} from '../../src/model/edit';
import {
  canRedo,
  canUndo,
  COALESCE_MILLISECONDS,
  createHistory,
  HISTORY_LIMIT,
  isDirty,
  markSaved,
  recordEdit,
  redo,
  undo,
  type History,
} from '../../src/model/history';
import { LANGUAGES } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const appeal = { documentId: 'appeal', segmentId: 'q002' };

function typed(history: History, text: string, at: number): History {
  return recordEdit(history, setSegmentText(history.present, appeal, 'uk', text), 'editText', {
    coalesceKey: 'text:q002:uk',
    at,
  });
}

describe('history', () => {
  it('undoes and redoes in order, and a new edit clears redo', () => {
    let history = createHistory(sample);
    const first = setSegmentText(sample, appeal, 'en', 'one');
    history = recordEdit(history, first, 'editText', { at: 0 });
    const second = setSegmentText(first, appeal, 'en', 'two');
    history = recordEdit(history, second, 'editText', { at: 10_000 });
    expect(undo(history).present).toBe(first);
    expect(undo(undo(history)).present).toBe(sample);
    expect(redo(undo(undo(history))).present).toBe(first);
    const branched = recordEdit(undo(history), setSegmentText(first, appeal, 'en', 'three'), 'editText', {
      at: 20_000,
    });
    expect(canRedo(branched)).toBe(false);
    expect(undo(createHistory(sample))).toEqual(createHistory(sample));
    expect(redo(createHistory(sample))).toEqual(createHistory(sample));
  });

  it('merges typing in one cell into one step, but not after a pause', () => {
    let history = createHistory(sample);
    history = typed(history, 'у', 0);
    history = typed(history, 'у н', 300);
    history = typed(history, 'у нас', 600);
    expect(history.past).toHaveLength(1);
    expect(undo(history).present).toBe(sample);
    history = typed(history, 'у нас одна', 600 + COALESCE_MILLISECONDS + 1);
    expect(history.past).toHaveLength(2);
    expect(undo(history).present.documents[0]?.segments[1]?.texts.uk).toBe('у нас');
  });

  it('keeps at least 200 steps (the limit is HISTORY_LIMIT) and drops the oldest beyond', () => {
    let history = createHistory(sample);
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) {
      history = recordEdit(history, setSegmentText(history.present, appeal, 'en', `v${i}`), 'editText', {
        at: i * 10_000,
      });
    }
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(200);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    let undone = history;
    while (canUndo(undone)) undone = undo(undone);
    expect(undone.present.documents[0]?.segments[1]?.texts.en).toBe('v49');
  });

  it('survives a save: undo still works, and undoing back to the saved state is clean', () => {
    let history = createHistory(sample);
    history = recordEdit(history, setSegmentText(sample, appeal, 'ko', '저장 전'), 'editText', { at: 0 });
    expect(isDirty(history)).toBe(true);
    history = markSaved(history);
    expect(isDirty(history)).toBe(false);
    history = recordEdit(history, setSegmentText(history.present, appeal, 'ko', '저장 후'), 'editText', { at: 10_000 });
    expect(isDirty(history)).toBe(true);
    expect(isDirty(undo(history))).toBe(false);
    expect(isDirty(undo(undo(history)))).toBe(true);
    expect(undo(undo(history)).present).toBe(sample);
  });

  it('records nothing for an edit that changes nothing', () => {
    const history = createHistory(sample);
    expect(recordEdit(history, sample, 'editText')).toBe(history);
  });
});

describe('segment operations', () => {
  const appealDocument = (project: Project) => project.documents[0]!;

  it('split moves the text after the cursor down in one language and divides the time', () => {
    const split = splitSegment(sample, appeal, 'en', 23);
    const segments = appealDocument(split).segments;
    expect(segments).toHaveLength(10);
    expect(segments[1]).toMatchObject({ id: 'q002', start: 4083, texts: { en: 'we have the same blood,' } });
    expect(segments[2]).toMatchObject({
      id: 'q002-2',
      texts: { en: 'we come from the same country.', ko: '', uk: '', ru: '' },
    });
    expect(segments[1]!.end).toBe(segments[2]!.start);
    expect(segments[2]!.end).toBe(8000);
    expect(segments[1]!.texts.ru).toBe(appealDocument(sample).segments[1]!.texts.ru);
  });

  it('merge joins every language, spans both times and keeps the weaker status', () => {
    const reviewed = setSegmentStatus(sample, appeal, 'uk', 'reviewed');
    const merged = mergeWithNext(reviewed, { documentId: 'appeal', segmentId: 'q001' });
    const segment = appealDocument(merged).segments[0]!;
    expect(segment.texts.en).toBe(
      'My brothers, you and I are from the same people, we have the same blood, we come from the same country.',
    );
    expect(segment).toMatchObject({ start: 1000, end: 8000, status: { en: 'source', uk: 'draft' } });
    expect(mergeWithNext(sample, { documentId: 'appeal', segmentId: 'q009' })).toBe(sample);
  });

  it('merge after split gives back every text (property)', () => {
    const segments = appealDocument(sample).segments;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: segments.length - 1 }),
        fc.constantFrom(...LANGUAGES),
        fc.nat(),
        (index, language, cursor) => {
          const segment = segments[index]!;
          const text = segment.texts[language];
          const offset = cursor % (text.length + 1);
          const ref = { documentId: 'appeal', segmentId: segment.id };
          const back = mergeWithNext(splitSegment(sample, ref, language, offset), ref);
          const merged = appealDocument(back).segments[index]!;
          expect(appealDocument(back).segments).toHaveLength(segments.length);
          for (const other of LANGUAGES)
            expect(merged.texts[other].replace(/\s+/gu, '')).toBe(segment.texts[other].replace(/\s+/gu, ''));
          expect([merged.start, merged.end]).toEqual([segment.start, segment.end]);
          // The result is still a valid project.
          expect(() => parseProject(serializeProject(back))).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('exclusion toggles and leaves no stray field', () => {
    const ref = { documentId: 'article', segmentId: 'a003' };
    const included = setSegmentExcluded(sample, ref, false);
    const a003 = (project: typeof sample) => project.documents[1]!.segments.find((s) => s.id === 'a003');
    expect(a003(included)).not.toHaveProperty('excluded');
    expect(a003(setSegmentExcluded(included, ref, true))!.excluded).toBe(true);
    expect(setSegmentExcluded(sample, ref, true)).toBe(sample);
  });
});
