import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import type { Alignment } from '../../src/align/align';
import {
  anchorKey,
  analyseSegment,
  nativeShare,
  segmentLength,
  skeletonAnchorKey,
  wordsOf,
} from '../../src/align/anchors';
import { beadShapes } from '../../src/align/bandAligner';
import { calendarAnchors } from '../../src/align/calendar';
import { beadPrior, estimateLengthModel, lengthCost } from '../../src/align/galeChurch';
import { toLadder } from '../../src/align/ladder';
import { extractNumbers } from '../../src/align/numbers';
import {
  consonantSkeleton,
  skeletonCode,
  skeletonCodes,
  skeletonText,
  stripKoreanParticles,
} from '../../src/align/transliterate';
import type { Language } from '../../src/languages';

describe('extractNumbers', () => {
  it.each([
    ['en', 'around 12,000 North Korean soldiers', [12000]],
    ['uk', 'близько 12 тисяч північнокорейських', [12000]],
    ['ru', 'около 12 тысяч военных', [12000]],
    ['ru', '12 000 человек', [12000]],
    ['ko', '북한군 약 1만 2000명이', [12000]],
    ['en', 'a reported 3.5 million artillery shells', [3500000]],
    ['uk', '3,5 мільйона артилерійських снарядів', [3500000]],
    ['ko', '포탄 350만 발을', [3500000]],
    ['ko', '2억 5천만 원', [250000000]],
    ['ko', '4~12발이 11월 20일', [4, 12, 20]],
    ['en', 'between four to twelve weapons', [4, 12]],
    ['en', 'the 92nd and 94th brigades', [92, 94]],
    ['ko', '34개월째', [34]],
  ] as const)('%s: %s', (language, text, values) => {
    expect(extractNumbers(text, language)).toEqual(values);
  });
});

describe('calendarAnchors', () => {
  it('finds the same months and weekdays in all four languages', () => {
    const texts: Record<Language, string> = {
      en: 'on Wednesday it struck on Nov. 20, by mid-October',
      uk: 'у середу 20 листопада, до середини жовтня',
      ru: 'в среду 20 ноября, к середине октября',
      ko: '수요일 11월 20일, 10월 중순까지',
    };
    for (const [language, text] of Object.entries(texts) as Array<[Language, string]>) {
      expect(new Set(calendarAnchors(text, language))).toEqual(new Set(['d3', 'm11', 'm10']));
    }
  });
});

describe('consonant skeletons', () => {
  it.each([
    ['Zelensky', 'Зеленський', '젤렌스키'],
    ['Kursk', 'Курской', '쿠르스크에서'],
    ['Volodymyr', 'Володимир', '볼로디미르'],
    ['Luxembourg', 'Люксембург', '룩셈부르크'],
    ['Ukraine', 'Украины', '우크라이나'],
    ['NATO', 'НАТО', '나토의'],
  ])('%s, %s and %s share a prefix of three classes', (latin, cyrillic, korean) => {
    const prefix = (word: string): string => consonantSkeleton(word).slice(0, 3);
    expect(prefix(cyrillic)).toBe(prefix(latin));
    expect(prefix(stripKoreanParticles(korean))).toBe(prefix(latin));
  });

  it('also gives the non-rhotic skeleton of an English name, which Korean follows ("Storm" = 스톰)', () => {
    expect(skeletonCodes('Storm').map(skeletonText)).toEqual(['STLM', 'STM']);
    expect(consonantSkeleton('스톰')).toBe('STM');
  });

  it('strips Korean particles but keeps a syllable', () => {
    expect(stripKoreanParticles('쿠르스크에서')).toBe('쿠르스크');
    expect(stripKoreanParticles('북한군들은')).toBe('북한군');
    expect(stripKoreanParticles('은')).toBe('은');
  });
});

describe('sentence analysis', () => {
  const keysOf = (text: string, language: Language, otherLanguage: Language): number[] => {
    const keys: number[] = [];
    analyseSegment(
      text,
      wordsOf(text),
      { language, otherLanguage, names: new Set() },
      { anchor: (key) => keys.push(key), stem: () => undefined },
    );
    return keys;
  };

  it('gives a sentence and its translation the same number, handle and name anchors', () => {
    const english = keysOf('Follow @Kyivpost_official: around 12,000 troops, says Zelensky.', 'en', 'uk');
    const ukrainian = keysOf('Стежте за @Kyivpost_official: близько 12 тисяч військових, каже Зеленський.', 'uk', 'en');
    const zelensky = skeletonAnchorKey(skeletonCode('Zelensky'), 4);
    expect(zelensky).toBe(skeletonAnchorKey(skeletonCode('Зеленський'), 4));
    for (const key of [anchorKey('N:12000'), anchorKey('U:@kyivpost_official'), zelensky]) {
      expect(english).toContain(key);
      expect(ukrainian).toContain(key);
    }
  });

  it('counts length in code points with white space collapsed', () => {
    expect(segmentLength('  Hello,\n  world ')).toBe(12);
    expect(segmentLength('형제 여러분')).toBe(6);
  });

  it('tells garbled text from text in its own script', () => {
    expect(nativeShare('Уже є вбиті й поранені.', 'uk')).toBe(1);
    expect(nativeShare('Ð£Ð¶Ðµ Ñ\u0094 Ð²Ð±Ð¸Ñ\u0082Ñ\u0096', 'uk')).toBeLessThan(0.1);
    expect(nativeShare('▒▒▒ 0x3F2A ▒▒ ### ▒▒▒▒', 'ko')).toBe(0);
    expect(nativeShare('Storm Shadow – це сучасна зброя.', 'uk')).toBeGreaterThan(0.6);
  });

  it('splits words by hand like the Unicode classes would', () => {
    expect(wordsOf('didn’t see @handle, м’ясо: 1만 2000명이 «братів» café')).toEqual([
      'didn’t',
      'see',
      'м’ясо',
      '1만',
      '2000명이',
      'братів',
      'café',
    ]);
  });
});

describe('the Gale–Church model', () => {
  it('uses the reference priors', () => {
    expect(beadPrior(1, 1)).toBe(0.89);
    expect(beadPrior(1, 0)).toBe(0.0099);
    expect(beadPrior(0, 1)).toBe(0.0099);
    expect(beadPrior(2, 1)).toBe(0.089);
    expect(beadPrior(1, 2)).toBe(0.089);
    expect(beadPrior(2, 2)).toBe(0.011);
  });

  it('costs nothing for lengths in ratio and grows with the mismatch', () => {
    expect(lengthCost(100, 100, 2)).toBeCloseTo(0, 5);
    const costs = [110, 130, 160, 250].map((target) => lengthCost(100, target, 2));
    for (let k = 1; k < costs.length; k++) expect(costs[k]).toBeGreaterThan(costs[k - 1] ?? 0);
  });

  it('estimates the ratio and a robust variance from trusted pairs', () => {
    const source = Array.from({ length: 40 }, (_, k) => 50 + 5 * k);
    const target = source.map((length, k) => length * 0.48 + (k % 3) - 1);
    target[7] = 400; // one wrong pair must not blow the variance up
    const model = estimateLengthModel(source, target, { ratio: 1, variance: 6.8 });
    expect(model.ratio).toBeGreaterThan(0.45);
    expect(model.ratio).toBeLessThan(0.6);
    expect(model.variance).toBeLessThan(3);
  });

  it('allows 1–3 and 3–1 beads by default but not 3–3', () => {
    const shapes = beadShapes(3).map(([a, b]) => `${a}-${b}`);
    expect(shapes).toEqual(expect.arrayContaining(['1-0', '0-1', '1-1', '1-2', '2-1', '2-2', '1-3', '3-1']));
    expect(shapes).not.toContain('3-3');
  });
});

describe('toLadder', () => {
  const alignment = (beads: Alignment['beads']): Alignment => ({
    beads,
    stats: { lengthRatio: 1, band: 1, passes: 1 },
  });

  it('writes one rung per bead start and the end rung, hunalign style', () => {
    const ladder = toLadder(
      alignment([
        { sourceStart: 0, sourceEnd: 1, targetStart: 0, targetEnd: 1, confidence: 0.9 },
        { sourceStart: 1, sourceEnd: 3, targetStart: 1, targetEnd: 2, confidence: 0.4567 },
        { sourceStart: 3, sourceEnd: 3, targetStart: 2, targetEnd: 3, confidence: 0.25 },
      ]),
      3,
      3,
    );
    expect(ladder).toBe('0\t0\t0.900\n1\t1\t0.457\n3\t2\t0.250\n3\t3\t1.000\n');
  });

  it('writes the single rung 0 0 for two empty texts', () => {
    expect(toLadder(alignment([]), 0, 0)).toBe('0\t0\t1.000\n');
  });

  it('refuses beads that leave a gap or stop short', () => {
    const gap = alignment([{ sourceStart: 1, sourceEnd: 2, targetStart: 0, targetEnd: 1, confidence: 1 }]);
    expect(() => toLadder(gap, 2, 1)).toThrow(RangeError);
    const short = alignment([{ sourceStart: 0, sourceEnd: 1, targetStart: 0, targetEnd: 1, confidence: 1 }]);
    expect(() => toLadder(short, 2, 1)).toThrow(RangeError);
  });

  it('matches the beads of a real alignment', () => {
    const result = align(
      { texts: ['One.', 'Two and three.', 'Four?'], language: 'en' },
      { texts: ['Один.', 'Два', 'и три.', 'Четыре?'], language: 'ru' },
    );
    const rungs = toLadder(result, 3, 4).trimEnd().split('\n');
    expect(rungs).toHaveLength(result.beads.length + 1);
    expect(rungs[0]).toMatch(/^0\t0\t[01]\.\d{3}$/u);
    expect(rungs.at(-1)).toBe('3\t4\t1.000');
  });
});

describe('the band', () => {
  it('widens when a large insertion pushes the path out of the initial band', () => {
    const english = Array.from({ length: 60 }, (_, k) => `Sentence number ${k + 1} is here.`);
    const russian = english.map((_, k) => `Предложение номер ${k + 1} здесь.`);
    const furniture = ['Subscribe now', 'Share this article', 'Read more', 'Advertisement', 'Related stories'];
    const inserted = [
      ...english.slice(0, 20),
      ...Array.from({ length: 30 }, (_, k) => furniture[k % 5] ?? ''),
      ...english.slice(20),
    ];
    const result = align({ texts: inserted, language: 'en' }, { texts: russian, language: 'ru' }, { band: 4 });
    expect(result.stats.band).toBeGreaterThan(4);
    expect(result.stats.passes).toBeGreaterThan(2);
    const linked = result.beads.filter((b) => b.sourceEnd > b.sourceStart && b.targetEnd > b.targetStart);
    for (const bead of linked)
      expect(bead.sourceStart >= 20 ? bead.sourceStart - 30 : bead.sourceStart).toBe(bead.targetStart);
  });
});
