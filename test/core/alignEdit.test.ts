import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAlignment,
  confirmCell,
  shiftCellsDown,
  shiftCellsUp,
  uncertainSegments,
} from '../../src/model/alignEdit';
import { setSegmentText } from '../../src/model/edit';
import type { Project, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';

/** The sample without its headline, so the article starts with the seed's first sentence. */
const sample = withoutHeadline(
  parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8')),
);

function withoutHeadline(project: Project): Project {
  return {
    ...project,
    documents: project.documents.map((d) => ({ ...d, segments: d.segments.filter((s) => s.role !== 'headline') })),
  };
}
const article = (project: Project): SubrelayDocument => project.documents.find((d) => d.id === 'article')!;
const included = article(sample).segments.filter((s) => s.excluded !== true);
const includedIds = included.map((s) => s.id);

/** The article with its Ukrainian column emptied, as before a translation is aligned in. */
function withoutUkrainian(): Project {
  return {
    ...sample,
    documents: sample.documents.map((d) =>
      d.id === 'article' ? { ...d, segments: d.segments.map((s) => ({ ...s, texts: { ...s.texts, uk: '' } })) } : d,
    ),
  };
}

describe('applyAlignment', () => {
  it('fills a column 1–1 and records the confidence, leaving page furniture alone', () => {
    const sentences = included.map((s) => s.texts.uk);
    const beads = sentences.map((_, i) => ({
      sourceStart: i,
      sourceEnd: i + 1,
      targetStart: i,
      targetEnd: i + 1,
      confidence: 0.9,
    }));
    const filled = applyAlignment(withoutUkrainian(), 'article', 'uk', includedIds, sentences, beads);
    expect(article(filled).segments.map((s) => s.texts.uk)).toEqual(article(sample).segments.map((s) => s.texts.uk));
    expect(article(filled).segments.find((s) => s.id === 'a001')?.confidence).toEqual({ uk: 0.9 });
    expect(article(filled).segments.find((s) => s.id === 'a003')?.confidence).toBeUndefined();
    expect(() => parseProject(serializeProject(filled))).not.toThrow();
  });

  it('shows a 2–1 link as one segment with both source sentences, and puts 1–2 targets in one cell', () => {
    const sentences = ['Перше й друге разом.', 'Третє,', 'розділене надвоє.'];
    const beads = [
      { sourceStart: 0, sourceEnd: 2, targetStart: 0, targetEnd: 1, confidence: 0.8 },
      { sourceStart: 2, sourceEnd: 3, targetStart: 1, targetEnd: 3, confidence: 0.4 },
    ];
    const ids = ['a001', 'a002', 'a005'];
    const filled = applyAlignment(withoutUkrainian(), 'article', 'uk', ids, sentences, beads);
    const segments = article(filled).segments;
    expect(segments).toHaveLength(article(sample).segments.length - 1);
    expect(segments[0]?.texts.en).toBe(`${included[0]!.texts.en} ${included[1]!.texts.en}`);
    expect(segments[0]?.texts.uk).toBe('Перше й друге разом.');
    // The page furniture between a002 and a005 keeps its own rows.
    expect(segments.slice(1, 3).map((s) => s.id)).toEqual(['a003', 'a004']);
    expect(segments[3]).toMatchObject({
      id: 'a005',
      texts: { uk: 'Третє, розділене надвоє.' },
      confidence: { uk: 0.4 },
    });
  });

  it('gives a target sentence with no source a row of its own, and never drops text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('0-1', '1-0', '1-1', '2-1', '1-2'), { maxLength: 12 }), (kinds) => {
        const beads = [];
        let s = 0;
        let t = 0;
        for (const kind of kinds) {
          const [a, b] = kind.split('-').map(Number) as [number, number];
          if (s + a > includedIds.length) break;
          beads.push({ sourceStart: s, sourceEnd: s + a, targetStart: t, targetEnd: t + b, confidence: 0.5 });
          s += a;
          t += b;
        }
        const sentences = Array.from({ length: t }, (_, i) => `Речення ${i}.`);
        const filled = applyAlignment(withoutUkrainian(), 'article', 'uk', includedIds.slice(0, s), sentences, beads);
        const column = article(filled)
          .segments.map((x) => x.texts.uk)
          .join(' ');
        for (const sentence of sentences) expect(column).toContain(sentence);
        const english = article(filled)
          .segments.map((x) => x.texts.en)
          .join(' ');
        for (const segment of article(sample).segments) expect(english).toContain(segment.texts.en);
      }),
      { numRuns: 200 },
    );
  });
});

describe('shifting cells', () => {
  const ref = (id: string) => ({ documentId: 'article', segmentId: id });

  it('down: empties the cell, moves the rest down, and adds a row rather than drop the last text', () => {
    const before = article(sample).segments;
    const shifted = article(shiftCellsDown(sample, ref('a037'), 'ru')).segments;
    expect(shifted).toHaveLength(before.length + 1);
    expect(shifted.find((s) => s.id === 'a037')?.texts.ru).toBe('');
    expect(shifted.find((s) => s.id === 'a038')?.texts.ru).toBe(before.find((s) => s.id === 'a037')?.texts.ru);
    // The last row is page furniture: it is stepped over, and the text gets a new row.
    expect(shifted.find((s) => s.id === 'a039')).toEqual(before.find((s) => s.id === 'a039'));
    expect(shifted[shifted.length - 1]?.texts.ru).toBe(before.find((s) => s.id === 'a038')?.texts.ru);
  });

  it('up: moves into an empty cell, appends to a filled one, and is undone by down into an empty cell', () => {
    const down = shiftCellsDown(sample, ref('a005'), 'ko');
    const back = shiftCellsUp(down, ref('a006'), 'ko');
    expect(
      article(back)
        .segments.slice(0, 39)
        .map((s) => s.texts.ko),
    ).toEqual(article(sample).segments.map((s) => s.texts.ko));
    const appended = article(shiftCellsUp(sample, ref('a002'), 'ko')).segments;
    expect(appended[0]?.texts.ko).toBe(`${included[0]!.texts.ko} ${included[1]!.texts.ko}`);
    expect(shiftCellsUp(sample, ref('a001'), 'ko')).toBe(sample);
  });
});

describe('uncertain links', () => {
  it('are listed until the translator edits or confirms the cell', () => {
    const sentences = ['Одне.', 'Два.'];
    const beads = [
      { sourceStart: 0, sourceEnd: 1, targetStart: 0, targetEnd: 1, confidence: 0.95 },
      { sourceStart: 1, sourceEnd: 2, targetStart: 1, targetEnd: 2, confidence: 0.2 },
    ];
    const filled = applyAlignment(withoutUkrainian(), 'article', 'uk', ['a001', 'a002'], sentences, beads);
    expect(uncertainSegments(article(filled))).toEqual([{ id: 'a002', language: 'uk' }]);
    const ref = { documentId: 'article', segmentId: 'a002' };
    expect(uncertainSegments(article(confirmCell(filled, ref, 'uk')))).toEqual([]);
    expect(uncertainSegments(article(setSegmentText(filled, ref, 'uk', 'Два!')))).toEqual([]);
  });
});
