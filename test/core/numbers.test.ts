import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/languages';
import { parseProject } from '../../src/model/schema';
import { extractNumbers, sameNumbers } from '../../src/text/numbers';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

describe('extractNumbers', () => {
  it.each<[string, Language, number[]]>([
    ['around 12,000 soldiers', 'en', [12000]],
    ['близько 12 000 військових', 'uk', [12000]],
    ['около 12\u00a0000 военных', 'ru', [12000]],
    ['около 12\u202f000 военных', 'ru', [12000]],
    ['близько 12\u2009000 військових', 'uk', [12000]],
    ['близько 12.000 військових', 'uk', [12000]],
    ['близько 12 тисяч військових', 'uk', [12000]],
    ['около 12 тысяч военных', 'ru', [12000]],
    ['около 12 тыс. военных', 'ru', [12000]],
    ['some 12 thousand troops', 'en', [12000]],
    ['북한군 약 1만 2000명', 'ko', [12000]],
    ['포탄 350만 발', 'ko', [3_500_000]],
    ['3.5 million shells', 'en', [3_500_000]],
    ['3,5 мільйона снарядів', 'uk', [3_500_000]],
    ['3,5 миллиона снарядов', 'ru', [3_500_000]],
    ['1,5 млн снарядов', 'ru', [1_500_000]],
    ['2억 5천만 원', 'ko', [250_000_000]],
    ['1억 5000만 원', 'ko', [150_000_000]],
    ['3.5 times', 'en', [3.5]],
    ['в 3,5 раза', 'ru', [3.5]],
    ['1,234,567.89', 'en', [1_234_567.89]],
    ['1 234 567,89', 'ru', [1_234_567.89]],
  ])('reads %j (%s) as %j', (text, language, expected) => {
    expect(extractNumbers(text, language)).toEqual(expected);
  });

  it.each<[string, Language, number[]]>([
    ['the 92nd and 94th brigades', 'en', [92, 94]],
    ['92-гу і 94-ту бригади', 'uk', [92, 94]],
    ['92-ю и 94-ю бригады', 'ru', [92, 94]],
    ['제92·제94 특수부대 여단', 'ko', [92, 94]],
    ['the 22nd Motorized Rifle Regiment', 'en', [22]],
    ['the 90-second statement', 'en', [90]],
    ['in 2024', 'en', [2024]],
    ['у 2024 році', 'uk', [2024]],
    ['2024년', 'ko', [2024]],
    ['in 2024 300 people left', 'en', [2024, 300]],
  ])('reads ordinals and years: %j (%s) as %j', (text, language, expected) => {
    expect(extractNumbers(text, language)).toEqual(expected);
  });

  it.each<[string, Language, number[]]>([
    ['4~12발', 'ko', [4, 12]],
    ['від 4 до 12', 'uk', [4, 12]],
    ['between four to twelve', 'en', [4, 12]],
    ['20.11.2024', 'ru', [20, 11, 2024]],
    ['10:30', 'en', [10, 30]],
    ['50%', 'en', [50]],
  ])('reads ranges, dates and times: %j (%s) as %j', (text, language, expected) => {
    expect(extractNumbers(text, language)).toEqual(expected);
  });

  it('reads the decimal mark by the language when three digits follow it, and by the digits otherwise', () => {
    expect(extractNumbers('12.000', 'en')).toEqual([12]);
    expect(extractNumbers('12,000', 'ru')).toEqual([12]);
    expect(extractNumbers('1.234.567', 'en')).toEqual([1_234_567]);
    expect(extractNumbers('3,5', 'en')).toEqual([3.5]);
    expect(extractNumbers('3.5', 'ru')).toEqual([3.5]);
  });

  it('reads small numbers in words, which one language spells and another writes in digits', () => {
    expect(extractNumbers('two elite formations', 'en')).toEqual([2]);
    expect(extractNumbers('два елітні з’єднання', 'uk')).toEqual([2]);
    expect(extractNumbers('трём сильно обескровленным формированиям', 'ru')).toEqual([3]);
    expect(extractNumbers('среди них трое северокорейцев', 'ru')).toEqual([3]);
    expect(extractNumbers('приблизно втричі більше', 'uk')).toEqual([3]);
    expect(extractNumbers('두 달 넘게', 'ko')).toEqual([2]);
    expect(extractNumbers('네 명', 'ko')).toEqual([4]);
    expect(extractNumbers('twenty-five', 'en')).toEqual([25]);
    expect(extractNumbers('двадцать пять', 'ru')).toEqual([25]);
    expect(extractNumbers('three million', 'en')).toEqual([3_000_000]);
  });

  it('does not read words that only look like numbers', () => {
    expect(extractNumbers('one country, the first troops', 'en')).toEqual([]);
    expect(extractNumbers('однієї країни, перші військові', 'uk')).toEqual([]);
    expect(extractNumbers('네, 알겠습니다. 세계 평화', 'ko')).toEqual([]);
    expect(extractNumbers('네 말이 맞아', 'ko')).toEqual([]);
    expect(extractNumbers('сім’я', 'uk')).toEqual([]);
    expect(extractNumbers('May I go? They march.', 'en')).toEqual([]);
    expect(extractNumbers('5 m away', 'en')).toEqual([5]);
  });

  it('reads months as numbers, because Korean writes them so', () => {
    expect(extractNumbers('on Nov. 20', 'en')).toEqual([11, 20]);
    expect(extractNumbers('11월 20일', 'ko')).toEqual([11, 20]);
    expect(extractNumbers('20 листопада', 'uk')).toEqual([20, 11]);
    expect(extractNumbers('20 ноября', 'ru')).toEqual([20, 11]);
    expect(extractNumbers('by mid-October', 'en')).toEqual([10]);
    expect(extractNumbers('у серпні', 'uk')).toEqual([8]);
    expect(extractNumbers('в августе', 'ru')).toEqual([8]);
    expect(extractNumbers('on May 9', 'en')).toEqual([5, 9]);
  });
});

describe('sameNumbers', () => {
  it('compares lists as multisets', () => {
    expect(sameNumbers([92, 94], [94, 92])).toBe(true);
    expect(sameNumbers([2, 2, 3], [2, 3, 3])).toBe(false);
    expect(sameNumbers([12000], [12000, 12000])).toBe(false);
    expect(sameNumbers([], [])).toBe(true);
    expect(sameNumbers([3.5], [3.5000000000000004])).toBe(true);
  });

  it('holds between the spellings of one value in the four languages', () => {
    const spellings: Array<[string, Language]> = [
      ['12,000 and 3.5 million', 'en'],
      ['1만 2000, 350만', 'ko'],
      ['12 тисяч і 3,5 мільйона', 'uk'],
      ['12\u00a0000 и 3,5 миллиона', 'ru'],
    ];
    const [first, ...rest] = spellings.map(([text, language]) => extractNumbers(text, language));
    for (const numbers of rest) expect(sameNumbers(first!, numbers)).toBe(true);
  });
});

describe('the sample project', () => {
  const segments = sample.documents.flatMap((document) =>
    document.segments.filter((segment) => segment.excluded !== true).map((segment) => ({ document, segment })),
  );

  it.each(segments.map(({ document, segment }) => [`${document.id}/${segment.id}`, document, segment] as const))(
    '%s states the same numbers in every translation as in the source',
    (_, document, segment) => {
      const source = extractNumbers(segment.texts[document.sourceLanguage], document.sourceLanguage);
      for (const language of sample.languages.filter((l) => l !== document.sourceLanguage)) {
        const numbers = extractNumbers(segment.texts[language], language);
        expect(sameNumbers(source, numbers), `${language}: ${numbers.join(', ')} vs ${source.join(', ')}`).toBe(true);
      }
    },
  );

  it('has numbers in the article for the check to bite on', () => {
    const article = sample.documents.find((document) => document.id === 'article')!;
    const values = article.segments.flatMap((segment) => extractNumbers(segment.texts.en, 'en'));
    expect(values).toEqual(expect.arrayContaining([12000, 92, 94, 3_500_000, 18, 33, 34, 810]));
  });
});
