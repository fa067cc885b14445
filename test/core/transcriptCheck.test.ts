import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/languages';
import type { Segment, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { changedPositions, originOf, positionOf, replaceAt } from '../../src/model/segmentIndex';
import { checkCues, checkTranscript, createQaCache } from '../../src/qa/qa';
import { checkTranscriptIncrementally } from '../../src/qa/transcriptCheck';
import { DEFAULT_RULES } from '../../src/subtitles/rules';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const appeal = sample.documents.find((d) => d.id === 'appeal')!;

function segment(id: string, texts: Partial<Record<Language, string>>, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph: 0,
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

const transcript = (segments: Segment[]): SubrelayDocument => ({
  id: 't',
  kind: 'transcript',
  title: 'T',
  sourceLanguage: 'en',
  segments,
});

describe('a gap or an overlap is one timing problem', () => {
  const texts = { en: 'One.', ko: '하나.', uk: 'Один.', ru: 'Один.' };
  const overlapping = transcript([
    segment('a', texts, { start: 0, end: 2000 }),
    segment('b', texts, { start: 1500, end: 3500 }),
  ]);

  it('is reported once, in the source language, however many languages are checked', () => {
    const findings = checkTranscript(overlapping, LANGUAGES, DEFAULT_RULES, 25);
    expect(findings.filter((f) => f.rule === 'overlap').map((f) => [f.language, f.segmentId, f.cue])).toEqual([
      ['en', 'b', 2],
    ]);
  });

  it('is reported in the first language checked when the source is not among them', () => {
    const findings = checkTranscript(overlapping, ['uk', 'ru'], DEFAULT_RULES, 25);
    expect(findings.filter((f) => f.rule === 'overlap').map((f) => f.language)).toEqual(['uk']);
  });

  it('is still reported per file when one language’s cues are checked alone', () => {
    const cues = overlapping.segments.map((s) => ({ start: s.start!, end: s.end!, text: s.texts.uk }));
    expect(checkCues(cues, 'uk', DEFAULT_RULES, 25).map((f) => f.rule)).toEqual(['overlap']);
  });
});

describe('segment positions and edit origins', () => {
  it('finds positions, and an edit records the one position it changed', () => {
    const segments = appeal.segments;
    const third = segments[2]!;
    expect(positionOf(segments, third.id)).toBe(2);
    expect(positionOf(segments, 'nope')).toBe(-1);
    const edited = replaceAt(segments, 2, { ...third, texts: { ...third.texts, uk: 'змінено' } });
    expect(edited).not.toBe(segments);
    expect(positionOf(edited, third.id)).toBe(2);
    expect(originOf(edited)).toEqual({ previous: segments, changed: [2] });
    expect(changedPositions(segments, edited, 10)).toEqual([2]);
    expect(() => replaceAt(segments, 2, { ...third, id: 'other' })).toThrow(/keeps its id/u);
  });

  it('keeps only the newest origin link, so edits do not chain a document’s history', () => {
    const first = replaceAt(appeal.segments, 0, { ...appeal.segments[0]!, note: 'one' });
    const second = replaceAt(first, 1, { ...first[1]!, note: 'two' });
    expect(originOf(first)).toBeUndefined();
    expect(originOf(second)?.previous).toBe(first);
    // Without a link the versions are compared row by row.
    expect(changedPositions(appeal.segments, second, 10)).toEqual([0, 1]);
    expect(changedPositions(appeal.segments, second, 1)).toBeUndefined();
    expect(changedPositions(appeal.segments, appeal.segments.slice(1), 10)).toBeUndefined();
  });
});

type Step =
  | { readonly kind: 'text'; readonly index: number; readonly language: Language; readonly text: string }
  | { readonly kind: 'time'; readonly index: number; readonly shift: number }
  | { readonly kind: 'exclude'; readonly index: number }
  | { readonly kind: 'untime'; readonly index: number }
  | { readonly kind: 'undo' };

describe('checking a long transcript row by row', () => {
  const long = transcript(
    Array.from({ length: 500 }, (_, index) =>
      segment(
        `s${index}`,
        { en: 'Hello.', uk: index % 2 === 0 ? '' : 'Привіт.' },
        { start: index * 3000, end: index * 3000 + 2000 },
      ),
    ),
  );

  it('checks nothing until asked: a row when its cell is read, the rest a slice at a time', () => {
    const check = checkTranscriptIncrementally(undefined, long, LANGUAGES, DEFAULT_RULES, 25);
    expect(check.count).toBeUndefined();
    expect(check.cell(0, 'uk').map((f) => f.rule)).toEqual(['missing-translation']);
    expect(check.count).toBeUndefined();
    let slices = 0;
    let budget = 0;
    while (!check.complete(() => budget++ % 50 !== 49)) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(check.count).toBe(checkTranscript(long, LANGUAGES, DEFAULT_RULES, 25).length);
  });
});

describe('checking a transcript edit by edit', () => {
  const size = appeal.segments.length;
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant('text' as const),
      index: fc.nat({ max: size - 1 }),
      language: fc.constantFrom(...LANGUAGES),
      text: fc.oneof(fc.constant(''), fc.string({ maxLength: 120 }), fc.constant('3 тисячі і 12')),
    }),
    fc.record({
      kind: fc.constant('time' as const),
      index: fc.nat({ max: size - 1 }),
      shift: fc.integer({ min: -4000, max: 4000 }),
    }),
    fc.record({ kind: fc.constant('exclude' as const), index: fc.nat({ max: size - 1 }) }),
    fc.record({ kind: fc.constant('untime' as const), index: fc.nat({ max: size - 1 }) }),
    fc.constant({ kind: 'undo' as const }),
  );

  function apply(segments: ReadonlyArray<Segment>, change: Step, useOrigin: boolean): ReadonlyArray<Segment> {
    if (change.kind === 'undo') return segments;
    const current = segments[change.index]!;
    let next: { -readonly [K in keyof Segment]: Segment[K] };
    if (change.kind === 'text') next = { ...current, texts: { ...current.texts, [change.language]: change.text } };
    else if (change.kind === 'time') {
      const start = Math.max(0, (current.start ?? 0) + change.shift);
      next = { ...current, start, end: Math.max(start, (current.end ?? start) + change.shift) };
    } else if (change.kind === 'exclude') next = { ...current, excluded: current.excluded !== true };
    else {
      next = { ...current };
      delete next.start;
      delete next.end;
    }
    if (useOrigin) return replaceAt(segments, change.index, next);
    return segments.map((segment, index) => (index === change.index ? next : segment));
  }

  it('finds, cell by cell and in order, exactly what a check of the whole transcript finds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.boolean()), { maxLength: 15 }), fc.boolean(), (steps, withCache) => {
        const cache = withCache ? createQaCache() : undefined;
        const versions: SubrelayDocument[] = [appeal];
        let document = appeal;
        let check = checkTranscriptIncrementally(undefined, document, LANGUAGES, DEFAULT_RULES, 25, cache);
        for (const [change, useOrigin] of steps) {
          if (change.kind === 'undo' && versions.length > 1) {
            versions.pop();
            document = versions[versions.length - 1]!;
          } else {
            document = { ...document, segments: apply(document.segments, change, useOrigin) };
            versions.push(document);
          }
          check = checkTranscriptIncrementally(check, document, LANGUAGES, DEFAULT_RULES, 25, cache);
          // Sometimes every row is checked before the next edit, sometimes only some (as the grid shows them).
          if (useOrigin) check.complete();
          else check.cell(change.kind === 'undo' ? 0 : change.index, 'uk');
          const fresh = checkTranscript(document, LANGUAGES, DEFAULT_RULES, 25);
          expect(check.all()).toEqual(fresh);
          expect(check.count).toBe(fresh.length);
          expect(check.complete()).toBe(true);
          document.segments.forEach((segment, position) => {
            for (const language of LANGUAGES) {
              expect(check.cell(position, language)).toEqual(
                fresh.filter((f) => f.segmentId === segment.id && f.language === language),
              );
            }
          });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('leaves every other row’s findings as they were when one cell is typed in', () => {
    const long = transcript(
      Array.from({ length: 2000 }, (_, index) =>
        segment(`s${index}`, { en: 'Hello.', uk: '' }, { start: index * 3000, end: index * 3000 + 2000 }),
      ),
    );
    const before = checkTranscriptIncrementally(undefined, long, LANGUAGES, DEFAULT_RULES, 25);
    expect(before.complete()).toBe(true);
    expect(before.count).toBeGreaterThan(0);
    const position = 1000;
    const edited = {
      ...long,
      segments: replaceAt(long.segments, position, {
        ...long.segments[position]!,
        texts: { ...long.segments[position]!.texts, uk: 'Привіт.' },
      }),
    };
    const after = checkTranscriptIncrementally(before, edited, LANGUAGES, DEFAULT_RULES, 25);
    expect(after.cell(position, 'uk')).toEqual([]);
    expect(before.cell(position, 'uk').map((f) => f.rule)).toEqual(['missing-translation']);
    expect(after.count).toBe((before.count ?? 0) - 1);
    // Unchanged rows keep their very arrays: only the edited row and the cue after it (its gap) were checked again.
    for (const other of [0, 999, 1002, 1999]) expect(after.cell(other, 'uk')).toBe(before.cell(other, 'uk'));
  });
});
