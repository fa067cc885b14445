import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/languages';
import type { Segment, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { checkCues, checkTranscript, createQaCache, type QaCue, type QaRuleId } from '../../src/qa/qa';
import { DEFAULT_RULES } from '../../src/subtitles/rules';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const appeal = sample.documents.find((d) => d.id === 'appeal')!;

const rulesOf = (cues: ReadonlyArray<QaCue>, language: Language, options?: { breakLines?: boolean }): QaRuleId[] =>
  checkCues(cues, language, DEFAULT_RULES, 24, options).map((f) => f.rule);

const cue = (text: string, start = 0, end = 3000): QaCue => ({ start, end, text });

/** A text of exactly `length` characters, as words of the given letter. */
const textOf = (length: number, letter = 'a'): string =>
  Array.from({ length }, (_, index) => (index % 6 === 5 ? ' ' : letter)).join('');

describe('checkCues: line rules', () => {
  it.each<[Language, string, number]>([
    ['en', 'a', 42],
    ['uk', 'і', 42],
    ['ru', 'ы', 39],
  ])('flags a %s line over its limit and not one at it', (language, letter, limit) => {
    const at = rulesOf([cue(textOf(limit, letter), 0, 7000)], language, { breakLines: false });
    const over = checkCues([cue(textOf(limit + 1, letter), 0, 7000)], language, DEFAULT_RULES, 24, {
      breakLines: false,
    });
    expect(at).toEqual([]);
    expect(over.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['line-length', 'error', `cue 1: line 1 is ${limit + 1} characters (limit ${limit})`],
    ]);
    expect(over[0]?.params).toEqual({ cue: 1, line: 1, length: limit + 1, limit });
  });

  it('counts Korean Latin, digits, spaces and punctuation as half a character (limit 16)', () => {
    expect(rulesOf([cue('형제 여러분, 여러분과 저는 같은.')], 'ko', { breakLines: false })).toEqual([]);
    const over = checkCues([cue('형제 여러분, 여러분과 저는 같은..')], 'ko', DEFAULT_RULES, 24, { breakLines: false });
    expect(over.map((f) => f.message)).toEqual(['cue 1: line 1 is 16.5 characters (limit 16)']);
  });

  it('checks the text as the exporter wraps it, unless told not to', () => {
    const long = 'We are only divided by a border that you didn’t choose.';
    expect(rulesOf([cue(long)], 'en')).toEqual([]);
    expect(rulesOf([cue(long)], 'en', { breakLines: false })).toEqual(['line-length']);
    const unbreakable = `${'x'.repeat(50)} ok`;
    expect(rulesOf([cue(unbreakable, 0, 5000)], 'en')).toEqual(['line-length']);
  });

  it('flags more lines than allowed, in every language', () => {
    for (const language of LANGUAGES) {
      expect(rulesOf([cue('a\nb', 0, 2000)], language)).toEqual([]);
      const findings = checkCues([cue('a\nb\nc', 0, 2000)], language, DEFAULT_RULES, 24);
      expect(findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
        ['lines', 'error', 'cue 1: has 3 lines (limit 2)'],
      ]);
    }
  });

  it('flags an empty cue', () => {
    const findings = checkCues([cue(' \n ')], 'en', DEFAULT_RULES, 24);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['empty', 'error']]);
  });
});

describe('checkCues: reading speed', () => {
  it.each<[Language, number, string]>([
    ['en', 20, 'a'],
    ['ko', 12, '가'],
    ['uk', 17, 'і'],
    ['ru', 17, 'ы'],
  ])('warns when %s reads faster than %d characters per second, and not at it', (language, cps, letter) => {
    const twoSeconds = (characters: number): QaCue => cue(letter.repeat(characters), 0, 2000);
    expect(rulesOf([twoSeconds(cps * 2)], language, { breakLines: false }).filter((r) => r === 'cps')).toEqual([]);
    const findings = checkCues([twoSeconds(cps * 2 + 1)], language, DEFAULT_RULES, 24, { breakLines: false });
    const speed = findings.find((f) => f.rule === 'cps');
    expect(speed?.severity).toBe('warning');
    expect(speed?.message).toBe(`cue 1: reading speed is ${cps + 0.5} characters per second (limit ${cps})`);
  });
});

describe('checkCues: timing rules', () => {
  it('flags a cue shorter than 5/6 s as an error, and one that ends before it starts', () => {
    expect(rulesOf([cue('ok', 0, 833)], 'en')).toEqual([]);
    const short = checkCues([cue('ok', 0, 800)], 'en', DEFAULT_RULES, 24);
    expect(short.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['min-duration', 'error', 'cue 1: lasts 0.8 s (minimum 0.83 s)'],
    ]);
    expect(rulesOf([cue('ok', 1000, 1000)], 'en')).toEqual(['cps', 'min-duration']);
  });

  it('warns about a cue longer than 7 s', () => {
    expect(rulesOf([cue('ok', 0, 7000)], 'en')).toEqual([]);
    const long = checkCues([cue('ok', 0, 7001)], 'en', DEFAULT_RULES, 24);
    expect(long.map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['max-duration', 'warning', 'cue 1: lasts 7 s (maximum 7 s)'],
    ]);
  });

  it('warns about a gap under 2 frames, counting frames (83 ms is 2 frames at 24 fps)', () => {
    expect(rulesOf([cue('a', 1000, 4000), cue('b', 4083, 6000)], 'en')).toEqual([]);
    const short = checkCues([cue('a', 1000, 4000), cue('b', 4082, 6000)], 'en', DEFAULT_RULES, 24);
    expect(short.map((f) => [f.cue, f.rule, f.severity, f.message])).toEqual([
      [2, 'gap', 'warning', 'cue 2: starts 82 ms after cue 1 (minimum 2 frames = 84 ms)'],
    ]);
    expect(checkCues([cue('a', 0, 1000), cue('b', 1080, 2000)], 'en', DEFAULT_RULES, 25)).toEqual([]);
    expect(checkCues([cue('a', 0, 1000), cue('b', 1079, 2000)], 'en', DEFAULT_RULES, 25).map((f) => f.rule)).toEqual([
      'gap',
    ]);
    expect(rulesOf([cue('a', 0, 1000), cue('b', 1000, 2000)], 'en')).toEqual(['gap']);
  });

  it('flags overlapping cues as an error', () => {
    const findings = checkCues([cue('a', 0, 2000), cue('b', 1500, 3000)], 'en', DEFAULT_RULES, 24);
    expect(findings.map((f) => [f.cue, f.rule, f.severity, f.message])).toEqual([
      [2, 'overlap', 'error', 'cue 2: overlaps cue 1 by 500 ms'],
    ]);
  });

  it('numbers cues from 1 and carries their segment ids', () => {
    const findings = checkCues(
      [
        { start: 0, end: 1000, text: 'a', segmentId: 's1' },
        { start: 1100, end: 1200, text: 'b', segmentId: 's2' },
      ],
      'en',
      DEFAULT_RULES,
      24,
    );
    expect(findings.map((f) => [f.cue, f.segmentId, f.rule])).toEqual([[2, 's2', 'min-duration']]);
  });
});

function segment(id: string, texts: Partial<Record<Language, string>>, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph: 0,
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

function transcript(segments: Segment[]): SubrelayDocument {
  return { id: 't', kind: 'transcript', title: 'T', sourceLanguage: 'en', segments };
}

describe('checkTranscript', () => {
  it('reports a missing translation instead of an empty cue, and an empty source as empty', () => {
    const document = transcript([
      segment('s1', { en: 'Hello there.', ko: '안녕하세요.', uk: '', ru: 'Привет.' }, { start: 0, end: 2000 }),
      segment('s2', {}, { start: 2100, end: 4000 }),
    ]);
    const findings = checkTranscript(document, LANGUAGES, DEFAULT_RULES, 24);
    expect(findings.map((f) => [f.language, f.cue, f.segmentId, f.rule, f.severity])).toEqual([
      ['en', 2, 's2', 'empty', 'error'],
      ['ko', 2, 's2', 'empty', 'error'],
      ['uk', 1, 's1', 'missing-translation', 'error'],
      ['uk', 2, 's2', 'empty', 'error'],
      ['ru', 2, 's2', 'empty', 'error'],
    ]);
    expect(findings[2]?.message).toBe('cue 1: the Ukrainian translation is missing');
  });

  it('warns when a translation’s numbers differ from the source’s', () => {
    const document = transcript([
      segment(
        's1',
        { en: 'About 12,000 soldiers.', ko: '약 1만 2000명.', uk: 'Близько 12 тисяч.', ru: 'Около 1200 солдат.' },
        { start: 0, end: 3000 },
      ),
    ]);
    const findings = checkTranscript(document, LANGUAGES, DEFAULT_RULES, 24);
    expect(findings.map((f) => [f.language, f.rule, f.severity, f.message])).toEqual([
      ['ru', 'number-mismatch', 'warning', 'cue 1: numbers differ from the English: 12000 there, 1200 here'],
    ]);
    expect(findings[0]?.params).toEqual({ cue: 1, source: 'English', expected: '12000', found: '1200' });
  });

  it('skips excluded segments, and numbers cues among the included, timed ones', () => {
    const document = transcript([
      segment('x', { en: 'JOIN US ON TELEGRAM' }, { excluded: true, start: 0, end: 10 }),
      segment('s1', { en: 'One.' }, { start: 1000, end: 2000 }),
      segment('u', { en: 'Not timed yet.' }),
      segment('s2', { en: 'Two.' }, { start: 3000, end: 3800 }),
    ]);
    const findings = checkTranscript(document, ['en'], DEFAULT_RULES, 24);
    expect(findings.map((f) => [f.cue, f.segmentId, f.rule, f.severity])).toEqual([
      [2, 's2', 'min-duration', 'error'],
      [2, 'u', 'min-duration', 'error'],
    ]);
    expect(findings[1]?.message).toBe('cue 2: segment u has no times, so it cannot become a subtitle');
  });
});

describe('the sample appeal', () => {
  it('wrapped by breakLines, passes the line rules in all four languages', () => {
    for (const language of LANGUAGES) {
      const cues = appeal.segments.map((s) => ({ start: s.start!, end: s.end!, text: s.texts[language] }));
      const findings = checkCues(cues, language, DEFAULT_RULES, sample.frameRate);
      expect(
        findings.filter((f) => f.rule === 'line-length' || f.rule === 'lines'),
        language,
      ).toEqual([]);
    }
  });

  it('has no errors; only reading speed may be flagged', () => {
    const findings = checkTranscript(appeal, LANGUAGES, DEFAULT_RULES, sample.frameRate);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.rule !== 'cps')).toEqual([]);
  });
});

describe('checkTranscript with a cache (the grid checks on every edit)', () => {
  const edits = fc.array(
    fc.record({
      index: fc.nat({ max: appeal.segments.length - 1 }),
      language: fc.constantFrom(...LANGUAGES),
      text: fc.oneof(fc.constant(''), fc.string({ maxLength: 90 }), fc.constant('12 000 і 3 тисячі')),
      shift: fc.integer({ min: -3000, max: 3000 }),
    }),
    { maxLength: 12 },
  );

  it('finds exactly what a check without the cache finds, edit after edit', () => {
    fc.assert(
      fc.property(edits, (steps) => {
        const cache = createQaCache();
        let document: SubrelayDocument = appeal;
        expect(checkTranscript(document, LANGUAGES, DEFAULT_RULES, 24, cache)).toEqual(
          checkTranscript(document, LANGUAGES, DEFAULT_RULES, 24),
        );
        for (const step of steps) {
          const segments = document.segments.map((segment, index): Segment => {
            if (index !== step.index) return segment;
            const start = (segment.start ?? 0) + step.shift;
            return { ...segment, texts: { ...segment.texts, [step.language]: step.text }, start };
          });
          document = { ...document, segments };
          expect(checkTranscript(document, LANGUAGES, DEFAULT_RULES, 24, cache)).toEqual(
            checkTranscript(document, LANGUAGES, DEFAULT_RULES, 24),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reuses a cue’s findings: an unchanged document is checked without working them out again', () => {
    const cache = createQaCache();
    checkTranscript(appeal, LANGUAGES, DEFAULT_RULES, 24, cache);
    const kept = cache.current.size;
    expect(kept).toBeGreaterThan(0);
    const again = checkTranscript(appeal, LANGUAGES, DEFAULT_RULES, 24, cache);
    expect(cache.current.size).toBe(kept);
    expect(again).toEqual(checkTranscript(appeal, LANGUAGES, DEFAULT_RULES, 24));
    // Other rules: nothing found under the old ones is reused.
    const stricter = { ...DEFAULT_RULES, maxLines: 1 };
    expect(checkTranscript(appeal, LANGUAGES, stricter, 24, cache)).toEqual(
      checkTranscript(appeal, LANGUAGES, stricter, 24),
    );
  });
});
