import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLAUSE_PAUSE_MS,
  countSyllables,
  DEFAULT_DUBBING,
  dubbingOf,
  englishWordSyllables,
  estimateSpeakingMs,
  fitOf,
  formatTimecode,
  numberSyllables,
  pauseMsOf,
  segmentFit,
  SENTENCE_PAUSE_MS,
} from '../../src/dub/speakingTime';
import { LANGUAGES, type Language } from '../../src/languages';
import type { DubbingSettings, Segment } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { snapToFrame } from '../../src/timing/timing';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

function timed(
  id: string,
  start: number | undefined,
  end: number | undefined,
  texts: Partial<Record<Language, string>>,
): Segment {
  return {
    id,
    paragraph: 0,
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    texts: { en: '', ko: '', uk: '', ru: '', ...texts },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
  };
}

describe('countSyllables', () => {
  it('counts one syllable per Hangul block', () => {
    expect(countSyllables('제 형제 여러분', 'ko')).toBe(6);
    expect(countSyllables('형제 여러분, 여러분과 저는 같은 민족이고,', 'ko')).toBe(17);
    // Compatibility jamo are not syllables; Hanja are one each.
    expect(countSyllables('ㅋㅋ', 'ko')).toBe(0);
    expect(countSyllables('韓國', 'ko')).toBe(2);
  });

  it('counts vowel letters in Russian and Ukrainian, Ukrainian ї and є included', () => {
    expect(countSyllables('Братья мои', 'ru')).toBe(4);
    expect(countSyllables('Брати мої', 'uk')).toBe(4);
    expect(countSyllables('Європа', 'uk')).toBe(3);
    expect(countSyllables('ещё', 'ru')).toBe(2);
    expect(countSyllables('объявлённый', 'ru')).toBe(4);
    // A preposition without a vowel is said with the next word.
    expect(countSyllables('з вами', 'uk')).toBe(2);
    expect(countSyllables('пʼять', 'uk')).toBe(1);
  });

  it('spells Cyrillic abbreviations with at most one vowel and reads the rest as words', () => {
    expect(countSyllables('ЗСУ і США', 'uk')).toBe(7);
    expect(countSyllables('в НАТО', 'ru')).toBe(2);
  });

  it('counts English words by vowel groups and the common silent endings', () => {
    const expected: Record<string, number> = {
      people: 2,
      together: 3,
      brothers: 2,
      same: 1,
      country: 2,
      wanted: 2,
      helped: 1,
      little: 2,
      tables: 2,
      changes: 2,
      makes: 1,
      lovely: 2,
      beautiful: 3,
      receive: 2,
      hundred: 2,
      thousand: 2,
      'didn’t': 2,
      "don't": 1,
      dignity: 3,
      Korea: 3,
      idea: 3,
      the: 1,
      style: 1,
      whole: 1,
      played: 1,
      troubled: 2,
      a: 1,
      hmm: 1,
    };
    for (const [word, syllables] of Object.entries(expected)) {
      expect({ word, syllables: englishWordSyllables(word) }).toEqual({ word, syllables });
      expect({ word, syllables: countSyllables(word.toLowerCase(), 'en') }).toEqual({
        word,
        syllables: englishWordSyllables(word.toLowerCase()),
      });
    }
    expect(countSyllables('My brothers, you and I are from the same people,', 'en')).toBe(12);
  });

  it('spells short Latin capitals as letters, unless the whole line shouts', () => {
    expect(countSyllables('the BBC and ZSU in the USA', 'en')).toBe(13);
    // In a shouted line, capitals are words, unless they have no vowel to say.
    expect(countSyllables('THE NEW USA', 'en')).toBe(1 + 1 + 2);
    expect(countSyllables('WWF', 'en')).toBe(3 + 3 + 1);
    expect(countSyllables('the WWF', 'en')).toBe(1 + 7);
    expect(countSyllables('BBC 뉴스', 'ko')).toBe(5);
  });

  it('counts Latin words inside Korean, Russian and Ukrainian by the English rule', () => {
    expect(countSyllables('Netflix 드라마', 'ko')).toBe(2 + 3);
    expect(countSyllables('компания Google', 'ru')).toBe(4 + 2);
    expect(countSyllables('сервіс Telegram', 'uk')).toBe(2 + 3);
  });

  it('counts numbers as the language says them', () => {
    expect(countSyllables('12,000', 'en')).toBe(3); // twelve thousand
    expect(countSyllables('12,000', 'ko')).toBe(3); // 만 이천
    expect(countSyllables('12 000', 'ru')).toBe(5); // двенадцать тысяч
    expect(countSyllables('12 000', 'uk')).toBe(5); // дванадцять тисяч
    expect(countSyllables('1991', 'en')).toBe(5); // nineteen ninety-one
    expect(countSyllables('2024', 'ko')).toBe(5); // 이천이십사
    expect(countSyllables('1990s', 'en')).toBe(4); // nineteen nineties
    expect(countSyllables('92nd', 'en')).toBe(3);
    expect(countSyllables('3.5', 'en')).toBe(3); // three point five
    expect(countSyllables('7', 'en')).toBe(2); // seven
    expect(countSyllables('100', 'en')).toBe(3); // one hundred
    expect(countSyllables('10000', 'ko')).toBe(1); // 만
    expect(countSyllables('8월', 'ko')).toBe(2); // 팔월
    expect(countSyllables('007', 'en')).toBe(2 + 2 + 2); // zero zero seven
    expect(countSyllables('50%', 'en')).toBe(2 + 2); // fifty percent
    expect(numberSyllables('1000', 'ru')).toBe(3); // тысяча
    expect(numberSyllables('2000', 'uk')).toBe(1 + 3); // дві тисячі
    expect(numberSyllables('3,5', 'ru')).toBe(7); // три целых пять десятых
  });

  it('adds nothing for punctuation', () => {
    for (const language of LANGUAGES) {
      expect(countSyllables('… — , . ! ? ( ) « » “ ”', language)).toBe(0);
      expect(countSyllables('', language)).toBe(0);
    }
  });
});

describe('pauseMsOf', () => {
  it('pauses only between words: a clause mark, a sentence end, never at the ends of a line', () => {
    expect(pauseMsOf('My brothers, you and I are from the same people,', 'en')).toBe(CLAUSE_PAUSE_MS);
    expect(pauseMsOf('…to the south…', 'en')).toBe(0);
    expect(pauseMsOf('Stop. Go on... now!', 'en')).toBe(SENTENCE_PAUSE_MS + CLAUSE_PAUSE_MS);
    expect(pauseMsOf('you (as prisoners of war),', 'en')).toBe(CLAUSE_PAUSE_MS);
    // "3.5" is a number, not a sentence end; hyphens join words.
    expect(pauseMsOf('3.5 well-known', 'en')).toBe(0);
  });
});

describe('estimateSpeakingMs', () => {
  it('divides syllables by the language’s rate and adds the pauses', () => {
    expect(estimateSpeakingMs('My brothers, you and I are from the same people,', 'en', DEFAULT_DUBBING)).toBe(
      3000 + CLAUSE_PAUSE_MS,
    );
    expect(estimateSpeakingMs('제 형제 여러분', 'ko', DEFAULT_DUBBING)).toBe(Math.round(6000 / 6.5));
    expect(estimateSpeakingMs('Брати мої', 'uk', DEFAULT_DUBBING)).toBe(800);
    expect(
      estimateSpeakingMs('Братья мои', 'ru', { ...DEFAULT_DUBBING, rates: { ...DEFAULT_DUBBING.rates, ru: 4 } }),
    ).toBe(1000);
    expect(estimateSpeakingMs('…', 'en', DEFAULT_DUBBING)).toBe(0);
  });

  it('uses the default rates and a 10 % tolerance when the project has none', () => {
    expect(DEFAULT_DUBBING).toEqual({ rates: { en: 4, ko: 6.5, uk: 5, ru: 5 }, tolerancePercent: 10 });
    expect(dubbingOf({ ...sample, settings: {} })).toBe(DEFAULT_DUBBING);
    const own: DubbingSettings = { rates: { en: 3, ko: 6, uk: 4, ru: 4 }, tolerancePercent: 0 };
    expect(dubbingOf({ ...sample, settings: { dubbing: own } })).toBe(own);
  });
});

describe('fitOf', () => {
  it('fits up to exactly the tolerance and not a millisecond beyond', () => {
    expect(fitOf(3000, 3300, 10)).toEqual({ fits: true, ratio: 1.1, overMs: 300 });
    expect(fitOf(3000, 3301, 10).fits).toBe(false);
    expect(fitOf(3000, 3000, 0).fits).toBe(true);
    expect(fitOf(3000, 3001, 0)).toMatchObject({ fits: false, overMs: 1 });
    expect(fitOf(3000, 1500, 10)).toEqual({ fits: true, ratio: 0.5, overMs: 0 });
    // 1.1 is not exact in binary: the boundary must still hold for awkward numbers.
    expect(fitOf(1234, 1357.4, 10).fits).toBe(true);
  });

  it('never fits speech into an empty slot', () => {
    expect(fitOf(0, 500, 10)).toEqual({ fits: false, ratio: Number.POSITIVE_INFINITY, overMs: 500 });
    expect(fitOf(0, 0, 10)).toEqual({ fits: true, ratio: 0, overMs: 0 });
  });
});

describe('segmentFit', () => {
  const long: Record<Language, string> = {
    en: 'We will not just receive you as prisoners of war, we will help you start a new life, find work and live with dignity.',
    ko: '우리는 여러분을 전쟁포로로 받아들이는 데 그치지 않고 새 삶을 시작하도록 도울 것이며 일자리와 존엄한 삶을 얻게 될 것입니다.',
    uk: 'Ми не просто приймемо вас як військовополонених, ми допоможемо вам почати нове життя, знайти роботу і жити гідно.',
    ru: 'Мы не просто примем вас как военнопленных, мы поможем вам начать новую жизнь, найти работу и жить достойно.',
  };
  const short: Record<Language, string> = {
    en: 'My brothers,',
    ko: '형제 여러분,',
    uk: 'Брати мої,',
    ru: 'Братья мои,',
  };

  for (const language of LANGUAGES) {
    it(`flags a line far too long for its slot in ${language} and passes one that fits`, () => {
      const tooLong = segmentFit(timed('a', 1000, 3000, long), language, DEFAULT_DUBBING);
      expect(tooLong?.fit.fits).toBe(false);
      expect(tooLong?.fit.overMs).toBeGreaterThan(2000);
      const fitting = segmentFit(timed('b', 1000, 3000, short), language, DEFAULT_DUBBING);
      expect(fitting?.fit).toMatchObject({ fits: true, overMs: 0 });
      expect(fitting?.slotMs).toBe(2000);
    });
  }

  it('has nothing to say about untimed, excluded or empty cells', () => {
    expect(segmentFit(timed('a', undefined, 2000, { en: 'Hello' }), 'en', DEFAULT_DUBBING)).toBeUndefined();
    expect(segmentFit(timed('a', 1000, undefined, { en: 'Hello' }), 'en', DEFAULT_DUBBING)).toBeUndefined();
    expect(
      segmentFit({ ...timed('a', 0, 2000, { en: 'Hello' }), excluded: true }, 'en', DEFAULT_DUBBING),
    ).toBeUndefined();
    expect(segmentFit(timed('a', 0, 2000, { en: '  ' }), 'en', DEFAULT_DUBBING)).toBeUndefined();
    expect(segmentFit(timed('a', 0, 2000, { en: 'Hello' }), 'en', DEFAULT_DUBBING)).toEqual({
      syllables: 2,
      speakingMs: 500,
      slotMs: 2000,
      fit: { fits: true, ratio: 0.25, overMs: 0 },
    });
  });

  it('fits every cue of the sample’s Korean appeal within the tolerance but one', () => {
    const appeal = sample.documents.find((document) => document.id === 'appeal');
    const fits = appeal?.segments.map((segment) => segmentFit(segment, 'ko', DEFAULT_DUBBING)?.fit.fits);
    expect(fits).toEqual([true, true, true, true, true, false, true, true, true]);
  });
});

describe('formatTimecode', () => {
  it('labels whole frame rates exactly', () => {
    expect(formatTimecode(0, 24)).toBe('00:00:00:00');
    expect(formatTimecode(1000, 24)).toBe('00:00:01:00');
    expect(formatTimecode(3_723_500, 25)).toBe('01:02:03:12');
    expect(formatTimecode(999, 25)).toBe('00:00:00:24');
    expect(formatTimecode(90_000_000, 25)).toBe('25:00:00:00');
  });

  it('reads a frame-snapped time as its own frame, not the one before (frame 98 at 24 fps is 4083 ms)', () => {
    expect(snapToFrame(4083.33, 24)).toBe(4083);
    expect(formatTimecode(4083, 24)).toBe('00:00:04:02');
    for (let frame = 0; frame < 2000; frame += 1) {
      for (const fps of [24, 25, 30]) {
        const ms = snapToFrame((frame * 1000) / fps, fps);
        const seconds = Math.floor(frame / fps);
        const expected = `00:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}:${String(frame % fps).padStart(2, '0')}`;
        expect(formatTimecode(ms, fps)).toBe(expected);
      }
    }
  });

  it('writes drop-frame at 29.97 fps, which keeps to the clock at every tenth minute', () => {
    // Frame 30 starts at 1001 ms: at 1000 ms the 29.97 fps clock is still in frame 29.
    expect(formatTimecode(1000, 29.97)).toBe('00:00:00;29');
    expect(formatTimecode(1001, 29.97)).toBe('00:00:01;00');
    expect(formatTimecode(snapToFrame((1800 * 1000) / 29.97, 29.97), 29.97)).toBe('00:01:00;02');
    expect(formatTimecode(snapToFrame((1799 * 1000) / 29.97, 29.97), 29.97)).toBe('00:00:59;29');
    expect(formatTimecode(600_000, 29.97)).toBe('00:10:00;00');
    expect(formatTimecode(3_600_000, 29.97)).toBe('01:00:00;00');
    expect(formatTimecode(snapToFrame((1800 * 1000) / 29.97, 29.97), 29.97, { dropFrame: false })).toBe('00:01:00:00');
    expect(formatTimecode(600_000, 59.94)).toBe('00:10:00;00');
  });

  it('writes 23.976 fps as non-drop-frame at 24, running behind the clock as editing systems do', () => {
    expect(formatTimecode(1000, 23.976)).toBe('00:00:00:23');
    expect(formatTimecode(3_600_000, 23.976)).toBe('00:59:56:09');
  });

  it('refuses a frame rate that is not positive', () => {
    expect(() => formatTimecode(0, 0)).toThrow(RangeError);
    expect(() => formatTimecode(0, Number.NaN)).toThrow(RangeError);
  });
});
