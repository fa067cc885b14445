import { afterAll, describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import type { AlignSide } from '../../src/align/align';
import { insideReview, loadGoldCases, rangeOf, scoreBeads } from '../fixtures/align/gold';
import type { GoldCase } from '../fixtures/align/gold';

/**
 * Accuracy on hand-made gold alignments (see test/fixtures/align/build.ts).
 *
 * Every case runs twice: with the paragraph numbers of the sample and
 * without them, since callers often have none. Clean translations must come
 * out exactly right; damaged ones (omissions, insertions, merges, garbling)
 * at 90% bead F1 or better. The table of precision, recall and F1 is printed
 * after the run.
 */

const cases = loadGoldCases();
const report: string[] = [];

function sides(goldCase: GoldCase, withParagraphs: boolean): readonly [AlignSide, AlignSide] {
  if (withParagraphs) return [goldCase.source, goldCase.target];
  return [
    { texts: goldCase.source.texts, language: goldCase.source.language },
    { texts: goldCase.target.texts, language: goldCase.target.language },
  ];
}

afterAll(() => {
  console.log(['case                 paragraphs  beads  precision  recall  F1', ...report].join('\n'));
});

describe.each([true, false])('gold alignments, paragraphs given: %s', (withParagraphs) => {
  it.each(cases.map((goldCase) => [goldCase.name, goldCase] as const))('%s', (name, goldCase) => {
    const [source, target] = sides(goldCase, withParagraphs);
    const alignment = align(source, target);
    const predicted = alignment.beads.map(rangeOf);
    const score = scoreBeads(predicted, goldCase.gold, goldCase.review);
    report.push(
      `${name.padEnd(20)} ${String(withParagraphs).padEnd(11)} ${String(goldCase.gold.length).padStart(5)}  ` +
        `${score.precision.toFixed(3).padStart(9)}  ${score.recall.toFixed(3).padStart(6)}  ${score.f1.toFixed(3)}`,
    );
    if (name.endsWith('.clean') || name.endsWith('.appeal')) {
      expect(predicted).toEqual(goldCase.gold);
    } else {
      expect(
        score.f1,
        `wrong ${JSON.stringify(score.wrong)}, missed ${JSON.stringify(score.missed)}`,
      ).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('confidence on the gold alignments', () => {
  it('is high on clean 1–1 beads', () => {
    for (const goldCase of cases.filter((c) => c.name.endsWith('.clean'))) {
      const confidences = align(goldCase.source, goldCase.target).beads.map((bead) => bead.confidence);
      const sorted = [...confidences].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      expect(median, goldCase.name).toBeGreaterThan(0.85);
    }
  });

  it('is below one half on every bead covering a garbled or replaced sentence', () => {
    for (const goldCase of cases.filter((c) => c.review.length > 0)) {
      for (const withParagraphs of [true, false]) {
        const [source, target] = sides(goldCase, withParagraphs);
        const flagged = align(source, target).beads.filter((bead) => insideReview(rangeOf(bead), goldCase.review));
        expect(flagged.length, goldCase.name).toBeGreaterThan(0);
        for (const bead of flagged)
          expect(bead.confidence, `${goldCase.name} ${JSON.stringify(bead)}`).toBeLessThan(0.5);
      }
    }
  });

  it('is at most one half on omissions and insertions found', () => {
    for (const goldCase of cases.filter((c) => c.name.endsWith('.omission') || c.name.endsWith('.insertion'))) {
      const beads = align(goldCase.source, goldCase.target).beads;
      const unlinked = beads.filter(
        (bead) => bead.sourceEnd === bead.sourceStart || bead.targetEnd === bead.targetStart,
      );
      expect(unlinked.length, goldCase.name).toBeGreaterThan(0);
      for (const bead of unlinked) expect(bead.confidence).toBeLessThanOrEqual(0.5);
    }
  });

  it('ranks the beads around a damaged spot below the clean ones', () => {
    const ranked: string[] = [];
    for (const goldCase of cases.filter((c) => c.name.endsWith('.omission'))) {
      const beads = align(goldCase.source, goldCase.target).beads;
      const goldKeys = new Set(goldCase.gold.map((range) => range.join(',')));
      const linked = beads.filter((bead) => bead.sourceEnd > bead.sourceStart && bead.targetEnd > bead.targetStart);
      const right = linked.filter((bead) => goldKeys.has(rangeOf(bead).join(',')));
      const wrong = linked.filter((bead) => !goldKeys.has(rangeOf(bead).join(',')));
      const mean = (values: ReadonlyArray<number>): number => values.reduce((a, b) => a + b, 0) / values.length;
      if (wrong.length === 0) continue;
      ranked.push(goldCase.name);
      expect(mean(wrong.map((b) => b.confidence)), goldCase.name).toBeLessThan(mean(right.map((b) => b.confidence)));
    }
    // Cases the aligner gets wholly right have nothing to rank; the test must still have ranked something.
    expect(ranked.length).toBeGreaterThan(0);
  });
});
