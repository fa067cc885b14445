import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentSentences, segmentText, splitParagraphs } from '../../src/segment/sentences';

const seed = readFileSync(new URL('../../samples/kursk-appeal/article.en.txt', import.meta.url), 'utf8');
const expected = readFileSync(new URL('../fixtures/article.en.sentences.txt', import.meta.url), 'utf8');

describe('segmentText on the seed article', () => {
  it('splits every paragraph of the seed into the reviewed sentences', () => {
    const paragraphs = expected.trimEnd().split('\n\n');
    const actual = segmentText(seed, 'en');
    const grouped: string[][] = [];
    for (const sentence of actual) (grouped[sentence.paragraph] ??= []).push(sentence.text);
    expect(grouped.map((sentences) => sentences.join('\n'))).toEqual(paragraphs);
    expect(actual).toHaveLength(39);
  });

  it('keeps one paragraph per line of the scraped page, furniture included', () => {
    expect(splitParagraphs(seed)).toHaveLength(23);
    expect(splitParagraphs(seed)[2]).toBe('JOIN US ON TELEGRAM');
  });

  it('does not split after "Lt. Gen." or "Nov."', () => {
    const texts = segmentText(seed, 'en').map((s) => s.text);
    expect(texts.some((t) => t.includes('regional commander Lt. Gen. Valery Solodchuk, as well as'))).toBe(true);
    expect(texts.some((t) => t.includes('on Nov. 20 struck a Kursk region monastery'))).toBe(true);
  });
});

describe('segmentSentences', () => {
  it.each([
    ['en', 'The U.S. Army said so. Then it left.', ['The U.S. Army said so.', 'Then it left.']],
    ['en', 'Mr. Smith met Dr. Jones on Nov. 20. They talked.', ['Mr. Smith met Dr. Jones on Nov. 20.', 'They talked.']],
    ['en', 'J. R. R. Tolkien wrote it. Many read it.', ['J. R. R. Tolkien wrote it.', 'Many read it.']],
    ['en', 'Is it true? Yes! It is.', ['Is it true?', 'Yes!', 'It is.']],
    ['ru', 'Погиб ген. Солодчук. Об этом сообщили в ГУР.', ['Погиб ген. Солодчук.', 'Об этом сообщили в ГУР.']],
    ['ru', 'Около 12 тыс. Солдат прибыли. Их обучают.', ['Около 12 тыс. Солдат прибыли.', 'Их обучают.']],
    ['uk', 'Загинув ген. Солодчук. Про це повідомили в ГУР.', ['Загинув ген. Солодчук.', 'Про це повідомили в ГУР.']],
    [
      'uk',
      'Це сталося 20 листоп. Наступного дня все змінилося.',
      ['Це сталося 20 листоп. Наступного дня все змінилося.'],
    ],
    [
      'ko',
      '형제 여러분, 우리는 같은 민족입니다. 같은 피를 나눴습니다.',
      ['형제 여러분, 우리는 같은 민족입니다.', '같은 피를 나눴습니다.'],
    ],
    [
      'ko',
      '약 1만 2000명이 배치됐다. 젤렌스키 대통령이 밝혔다!',
      ['약 1만 2000명이 배치됐다.', '젤렌스키 대통령이 밝혔다!'],
    ],
  ] as const)('%s: %s', (language, text, sentences) => {
    expect(segmentSentences(text, language)).toEqual(sentences);
  });

  it('joins hard-wrapped lines and drops empty input', () => {
    expect(segmentSentences('One line\nwrapped here. Two.', 'en')).toEqual(['One line wrapped here.', 'Two.']);
    expect(segmentSentences('   \n ', 'en')).toEqual([]);
  });

  it('never loses or invents a character (property)', () => {
    const alphabet = fc.constantFrom(...'ab Z.,?!“”\n가나 Жж 12'.split(''), 'Gen.', 'U.S.', 'ген.', ' ');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }),
        fc.constantFrom('en', 'ko', 'uk', 'ru' as const),
        (parts, language) => {
          const text = parts.join('');
          const squeeze = (value: string): string => value.replace(/\s+/gu, '');
          expect(squeeze(segmentSentences(text, language).join(''))).toBe(squeeze(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitParagraphs', () => {
  it('uses blank lines as paragraph breaks when the text has them', () => {
    expect(splitParagraphs('One\nwrapped.\n\nTwo.\r\n\r\nThree.')).toEqual(['One wrapped.', 'Two.', 'Three.']);
  });
  it('treats each line as a paragraph otherwise, and drops a BOM', () => {
    expect(splitParagraphs('\uFEFFOne.\nTwo.\n')).toEqual(['One.', 'Two.']);
  });
});
