import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/languages';
import { createHistory, recordEdit, undo } from '../../src/model/history';
import type { Project, Segment } from '../../src/model/project';
import {
  compileQuery,
  findMatches,
  findNext,
  MAX_CELL_LENGTH,
  replaceAll,
  replaceMatch,
  type FindOptions,
} from '../../src/usecases/findReplace';

function segment(id: string, texts: Partial<Record<Language, string>>, extra: Partial<Segment> = {}): Segment {
  return {
    id,
    paragraph: 0,
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ...extra,
  };
}

function project(...documents: Array<{ id: string; segments: Segment[] }>): Project {
  return {
    format: 'subrelay',
    version: 4,
    requires: '0.4.0',
    title: 'Test',
    languages: ['en', 'ko', 'uk', 'ru'],
    frameRate: 25,
    notes: [],
    documents: documents.map((d) => ({
      id: d.id,
      kind: 'article' as const,
      title: d.id,
      sourceLanguage: 'en' as const,
      segments: d.segments,
    })),
    settings: {},
  };
}

const options = (overrides: Partial<FindOptions>): FindOptions => ({
  query: '',
  matchCase: false,
  wholeWord: false,
  regex: false,
  languages: ['en', 'ko', 'uk', 'ru'],
  ...overrides,
});

const sample = project({
  id: 'doc',
  segments: [
    segment('a', { en: 'The cat sat on the mat.', uk: 'Кіт сидів на килимку.', ko: '같은 민족이고 같은 말' }),
    segment('b', { en: 'Concatenate the CAT files.', uk: 'Кітель і кіт.' }),
    segment('x', { en: 'cat page furniture' }, { excluded: true }),
    segment('c', { en: 'No felines here.', ru: 'Кот и кит.' }),
  ],
});

const textOf = (p: Project, id: string, language: Language) =>
  p.documents[0]?.segments.find((s) => s.id === id)?.texts[language];

describe('find', () => {
  it('finds plain text case-insensitively by default, in the chosen columns only, not in excluded rows', () => {
    const result = findMatches(sample, options({ query: 'cat', languages: ['en'] }));
    if (!result.ok) throw new Error('expected matches');
    expect(result.matches.map((m) => [m.segmentId, m.start, m.end])).toEqual([
      ['a', 4, 7],
      ['b', 3, 6],
      ['b', 16, 19],
    ]);
    const withExcluded = findMatches(sample, options({ query: 'cat', languages: ['en'], includeExcluded: true }));
    expect(withExcluded.ok && withExcluded.matches.map((m) => m.segmentId)).toEqual(['a', 'b', 'b', 'x']);
  });

  it('matches case when asked, also in Cyrillic', () => {
    const result = findMatches(sample, options({ query: 'Кіт', matchCase: true, languages: ['uk'] }));
    expect(result.ok && result.matches.map((m) => [m.segmentId, m.start])).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
    const caseless = findMatches(sample, options({ query: 'кіт', languages: ['uk'] }));
    expect(caseless.ok && caseless.matches).toHaveLength(3);
  });

  it('whole word knows Cyrillic and Korean letters, not only ASCII', () => {
    const uk = findMatches(sample, options({ query: 'кіт', wholeWord: true, languages: ['uk'] }));
    // "Кітель" is a longer word; "Кіт" and "кіт" are whole words.
    expect(uk.ok && uk.matches.map((m) => [m.segmentId, m.start])).toEqual([
      ['a', 0],
      ['b', 9],
    ]);
    const ko = findMatches(sample, options({ query: '같은', wholeWord: true, languages: ['ko'] }));
    expect(ko.ok && ko.matches.map((m) => m.start)).toEqual([0, 8]);
    const part = findMatches(sample, options({ query: '민족', wholeWord: true, languages: ['ko'] }));
    expect(part.ok && part.matches).toEqual([]);
    const notWhole = findMatches(sample, options({ query: '민족', languages: ['ko'] }));
    expect(notWhole.ok && notWhole.matches).toHaveLength(1);
  });

  it('reads regular expressions, and an invalid one is a problem, not a throw', () => {
    const result = findMatches(sample, options({ query: String.raw`\bc\w+`, regex: true, languages: ['en'] }));
    expect(result.ok && result.matches.map((m) => m.segmentId)).toEqual(['a', 'b', 'b']);
    const bad = findMatches(sample, options({ query: '(unclosed', regex: true }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem.code).toBe('invalid-regex');
    expect(!bad.ok && bad.problem.params?.['pattern']).toBe('(unclosed');
    // Plain text is never read as a pattern.
    expect(compileQuery({ query: '(unclosed', matchCase: false, wholeWord: false, regex: false }).ok).toBe(true);
  });

  it('zero-length matches end: ^ once per cell, x* at every position', () => {
    const starts = findMatches(sample, options({ query: '^', regex: true, languages: ['en'] }));
    expect(starts.ok && starts.matches).toHaveLength(3);
    const empty = findMatches(
      project({ id: 'd', segments: [segment('s', { en: 'ab😀' })] }),
      options({ query: 'x*', regex: true, languages: ['en'] }),
    );
    // Positions 0, 1, 2 and the end (4): the emoji's two code units are stepped over at once.
    expect(empty.ok && empty.matches.map((m) => m.start)).toEqual([0, 1, 2, 4]);
  });

  it('plain text with any punctuation is found as typed', () => {
    const text = 'a-b/c [x] (y) {z} $1 ^ | ? * + . \\ #@!%&=,;:\'"~`<>';
    const punctuated = project({ id: 'd', segments: [segment('s', { en: `before ${text} after` })] });
    for (const query of ['a-b/c', '[x]', '(y)', '{z}', '$1', '^ |', '? * + .', '\\', '#@!%&=,;:\'"~`<>']) {
      const result = findMatches(punctuated, options({ query, languages: ['en'] }));
      expect(result.ok && result.matches.length, query).toBe(1);
    }
  });

  it('an empty query finds nothing', () => {
    expect(findMatches(sample, options({ query: '' }))).toEqual({ ok: true, matches: [] });
  });

  it('find next goes on from a position, across rows and documents, and wraps round', () => {
    const two = project(
      { id: 'one', segments: [segment('a', { en: 'cat and cat' }), segment('b', { en: 'dog' })] },
      { id: 'two', segments: [segment('c', { en: 'a cat' })] },
    );
    const find = (from: Parameters<typeof findNext>[2]) => {
      const result = findNext(two, options({ query: 'cat', languages: ['en'] }), from);
      if (!result.ok) throw new Error('expected a result');
      return result.match === undefined
        ? undefined
        : [result.match.documentId, result.match.segmentId, result.match.start];
    };
    expect(find(undefined)).toEqual(['one', 'a', 0]);
    expect(find({ documentId: 'one', segmentId: 'a', language: 'en', offset: 1 })).toEqual(['one', 'a', 8]);
    expect(find({ documentId: 'one', segmentId: 'a', language: 'en', offset: 9 })).toEqual(['two', 'c', 2]);
    expect(find({ documentId: 'two', segmentId: 'c', language: 'en', offset: 3 })).toEqual(['one', 'a', 0]);
    // One document only: wraps within it.
    const inOne = findNext(two, options({ query: 'cat', languages: ['en'], documentId: 'one' }), {
      documentId: 'one',
      segmentId: 'a',
      language: 'en',
      offset: 9,
    });
    expect(inOne.ok && inOne.match?.start).toBe(0);
    expect(findNext(two, options({ query: 'cow', languages: ['en'] }), undefined)).toEqual({
      ok: true,
      match: undefined,
    });
  });

  it('find next moves across columns of a row in the project’s order', () => {
    const result = findNext(sample, options({ query: 'к', languages: ['ru', 'uk'] }), {
      documentId: 'doc',
      segmentId: 'a',
      language: 'uk',
      offset: 1,
    });
    expect(result.ok && [result.match?.segmentId, result.match?.language, result.match?.start]).toEqual([
      'a',
      'uk',
      13,
    ]);
  });
});

describe('replace', () => {
  it('replace all uses groups ($1) in regex mode and reports the count', () => {
    const result = replaceAll(
      sample,
      options({ query: String.raw`(\w+) (cat|CAT)`, regex: true, languages: ['en'] }),
      '$2 of $1',
    );
    if (!result.ok) throw new Error('expected a result');
    expect(textOf(result.project, 'a', 'en')).toBe('cat of The sat on the mat.');
    expect(textOf(result.project, 'b', 'en')).toBe('Concatenate CAT of the files.');
    expect(result.report).toEqual({ replaced: 2, cells: 2, tooLong: 0 });
  });

  it('plain replacements are literal: "$1" stays "$1"', () => {
    const result = replaceAll(sample, options({ query: 'mat', languages: ['en'] }), '$1');
    expect(result.ok && textOf(result.project, 'a', 'en')).toBe('The cat sat on the $1.');
  });

  it('whole-word replace in Korean leaves longer words alone', () => {
    const result = replaceAll(sample, options({ query: '같은', wholeWord: true, languages: ['ko'] }), '다른');
    expect(result.ok && textOf(result.project, 'a', 'ko')).toBe('다른 민족이고 다른 말');
    expect(result.ok && result.report.replaced).toBe(2);
  });

  it('leaves excluded rows, other columns and other documents as they were', () => {
    const result = replaceAll(sample, options({ query: 'cat', languages: ['en'] }), 'dog');
    if (!result.ok) throw new Error('expected a result');
    expect(textOf(result.project, 'x', 'en')).toBe('cat page furniture');
    expect(result.project.documents[0]?.segments[3]).toBe(sample.documents[0]?.segments[3]);
    const included = replaceAll(sample, options({ query: 'cat', languages: ['en'], includeExcluded: true }), 'dog');
    expect(included.ok && textOf(included.project, 'x', 'en')).toBe('dog page furniture');
  });

  it('returns the same project when nothing matched, so no undo step is recorded', () => {
    const result = replaceAll(sample, options({ query: 'zebra' }), 'horse');
    expect(result.ok && result.project).toBe(sample);
    expect(result.ok && result.report.replaced).toBe(0);
  });

  it('never writes a cell past the 100,000-character limit; counts the cells left as they were', () => {
    const long = project({ id: 'd', segments: [segment('s', { en: 'a'.repeat(60_000) }), segment('t', { en: 'ab' })] });
    const result = replaceAll(long, options({ query: 'a', languages: ['en'] }), 'aa');
    if (!result.ok) throw new Error('expected a result');
    expect(textOf(result.project, 's', 'en')).toHaveLength(60_000);
    expect(textOf(result.project, 't', 'en')).toBe('aab');
    expect(result.report).toEqual({ replaced: 1, cells: 1, tooLong: 1 });
    expect(MAX_CELL_LENGTH).toBe(100_000);
  });

  it('zero-length replace all ends: ^ puts a dash before each cell', () => {
    const result = replaceAll(sample, options({ query: '^', regex: true, languages: ['en'] }), '- ');
    expect(result.ok && textOf(result.project, 'a', 'en')).toBe('- The cat sat on the mat.');
    expect(result.ok && result.report.replaced).toBe(3);
  });

  it('replace all across every document is one project value: one undo step undoes it all', () => {
    const two = project(
      { id: 'one', segments: [segment('a', { en: 'cat' })] },
      { id: 'two', segments: [segment('b', { en: 'cat cat' })] },
    );
    const result = replaceAll(two, options({ query: 'cat', languages: ['en'] }), 'dog');
    if (!result.ok) throw new Error('expected a result');
    expect(result.report).toEqual({ replaced: 3, cells: 2, tooLong: 0 });
    const history = recordEdit(createHistory(two), result.project, 'replace');
    expect(history.past).toHaveLength(1);
    expect(history.present.documents[1]?.segments[0]?.texts.en).toBe('dog dog');
    expect(undo(history).present).toBe(two);
  });

  it('replace one replaces the match it was given, with groups, and says where it ends', () => {
    const found = findNext(sample, options({ query: String.raw`(c)at`, regex: true, languages: ['en'] }), {
      documentId: 'doc',
      segmentId: 'b',
      language: 'en',
      offset: 4,
    });
    if (!found.ok || found.match === undefined) throw new Error('expected a match');
    const result = replaceMatch(
      sample,
      options({ query: String.raw`(c)at`, regex: true, languages: ['en'] }),
      found.match,
      '$1ow',
    );
    if (!result.ok) throw new Error('expected a result');
    expect(textOf(result.project, 'b', 'en')).toBe('Concatenate the Cow files.');
    expect(result.end).toBe(19);
    expect(result.report.replaced).toBe(1);
  });

  it('replace one does nothing when the match is no longer there', () => {
    const result = replaceMatch(
      sample,
      options({ query: 'cat', languages: ['en'] }),
      { documentId: 'doc', segmentId: 'c', language: 'en', start: 0, end: 3 },
      'dog',
    );
    expect(result.ok && result.project).toBe(sample);
    expect(result.ok && result.report.replaced).toBe(0);
  });

  it('replacing clears the aligner’s doubt about the edited cell only', () => {
    const doubtful = project({
      id: 'd',
      segments: [segment('s', { en: 'cat', uk: 'кіт' }, { confidence: { uk: 0.2, ru: 0.3 } })],
    });
    const result = replaceAll(doubtful, options({ query: 'кіт', languages: ['uk'] }), 'кішка');
    expect(result.ok && result.project.documents[0]?.segments[0]?.confidence).toEqual({ ru: 0.3 });
  });
});
