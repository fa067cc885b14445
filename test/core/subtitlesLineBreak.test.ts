import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/languages';
import { breakLines } from '../../src/subtitles/lineBreak';
import { DEFAULT_RULES, lineLength } from '../../src/subtitles/rules';

const limits = (language: Language, maxLines = 2): { maxLineLength: number; maxLines: number } => ({
  maxLineLength: DEFAULT_RULES.languages[language].maxLineLength,
  maxLines,
});

const lengths = (text: string, language: Language): number[] => text.split('\n').map((l) => lineLength(l, language));

describe('breakLines', () => {
  it('keeps a line that fits, and text the translator already broke', () => {
    expect(breakLines('we will help you start a new life.', 'en', limits('en'))).toBe(
      'we will help you start a new life.',
    );
    const typed = 'We are only divided\nby a border that you didn’t choose, however long this line is.';
    expect(breakLines(typed, 'en', limits('en'))).toBe(typed);
    expect(breakLines('a b\r\nc', 'en', { maxLineLength: 1, maxLines: 2 })).toBe('a b\r\nc');
  });

  it('balances the lines and, when they cannot be equal, makes the bottom one longer (pyramid)', () => {
    const text = Array.from({ length: 11 }, () => 'cat').join(' ');
    expect(breakLines(text, 'en', limits('en'))).toBe('cat cat cat cat cat\ncat cat cat cat cat cat');
    const even = Array.from({ length: 12 }, () => 'dog').join(' ');
    expect(lengths(breakLines(even, 'en', { maxLineLength: 42, maxLines: 2 }), 'en')).toEqual([23, 23]);
  });

  it('prefers to break after punctuation', () => {
    expect(breakLines('we have the same blood, we come from the same country.', 'en', limits('en'))).toBe(
      'we have the same blood,\nwe come from the same country.',
    );
    expect(breakLines('Нас разделяет лишь граница, которую вы не выбирали.', 'ru', limits('ru'))).toBe(
      'Нас разделяет лишь граница,\nкоторую вы не выбирали.',
    );
    expect(breakLines('I came here to say it. We are only divided by a border.', 'en', limits('en'))).toBe(
      'I came here to say it.\nWe are only divided by a border.',
    );
  });

  it('prefers a punctuation break to a perfectly balanced one, but not when it leaves a stub', () => {
    expect(breakLines('형제 여러분, 여러분과 저는 같은 민족이고,', 'ko', limits('ko'))).toBe(
      '형제 여러분,\n여러분과 저는 같은 민족이고,',
    );
    const stub = 'Yes, we will not just receive you as prisoners of war today';
    expect(breakLines(stub, 'en', limits('en')).startsWith('Yes,\n')).toBe(false);
  });

  it('breaks before conjunctions and prepositions, and never leaves one at the end of a line', () => {
    expect(breakLines('We are only divided by a border that you did not choose', 'en', limits('en'))).toBe(
      'We are only divided by a border\nthat you did not choose',
    );
    const ukrainian = breakLines('Ми з вами народилися в одній країні та маємо одну кров', 'uk', {
      maxLineLength: 30,
      maxLines: 2,
    });
    expect(ukrainian.split('\n')[0]).not.toMatch(/\s(?:в|та|з)$/u);
    expect(
      breakLines('they were sent to the front in the east of the country', 'en', { maxLineLength: 30, maxLines: 2 }),
    ).not.toMatch(/ (?:the|to|in|of)\n/u);
  });

  it('never breaks inside a number or between a number and its scale word', () => {
    const cases: Array<[string, Language, number]> = [
      ['Reports say that around 12 000 North Korean soldiers are here', 'en', 42],
      ['We know that exactly 3,5 мільйона снарядів надіслано до Москви', 'uk', 42],
      ['За нашими даними, їх близько 12 тисяч у Курській області', 'uk', 30],
      ['북한군 약 1만 2000명이 쿠르스크 지역에 있다', 'ko', 16],
    ];
    for (const [text, language, maxLineLength] of cases) {
      const broken = breakLines(text, language, { maxLineLength, maxLines: 2 });
      expect(broken, text).not.toMatch(/\d\n\d|\d만\n\d|12\nтисяч|3,5\nмільйона/u);
      expect(broken.split('\n')).toHaveLength(2);
    }
  });

  it('never breaks between a first and a last name', () => {
    const cases: Array<[string, Language]> = [
      ['On Monday Volodymyr Zelensky repeated his call to NATO', 'en'],
      ['Серед загиблих був генерал-лейтенант Валерій Солодчук, кажуть', 'uk'],
      ['Среди погибших был генерал-лейтенант Валерий Солодчук, говорят', 'ru'],
      ['They said Vladimir Putin ordered the salient wiped out by October', 'en'],
    ];
    for (const [text, language] of cases) {
      const broken = breakLines(text, language, { maxLineLength: 36, maxLines: 2 });
      expect(broken, text).not.toMatch(/(?:Volodymyr|Валерій|Валерий|Vladimir)\n/u);
      expect(broken.split('\n')).toHaveLength(2);
    }
  });

  it('breaks Korean only at spaces, keeping every word with its particle', () => {
    const text = '우리를 가르는 것은 여러분이 택하지 않은 경계선뿐입니다.';
    const broken = breakLines(text, 'ko', limits('ko'));
    expect(broken).toBe('우리를 가르는 것은 여러분이\n택하지 않은 경계선뿐입니다.');
    expect(broken.split(/\s+/u)).toEqual(text.split(' '));
  });

  it('avoids splitting two capitals at a sentence start, which may be a name too', () => {
    expect(breakLines('страны. Валерий Солодчук мы 3,5 миллиона', 'ru', limits('ru'))).toBe(
      'страны. Валерий Солодчук\nмы 3,5 миллиона',
    );
    expect(breakLines('Valery Solodchuk was killed in the strike on the monastery', 'en', limits('en'))).toBe(
      'Valery Solodchuk was killed\nin the strike on the monastery',
    );
  });

  it('does not start a Korean line with a dependent noun ("나설 수 있을")', () => {
    expect(breakLines('새로운 인생길에 나설 수 있을 것입니다.', 'ko', limits('ko'))).toBe(
      '새로운 인생길에\n나설 수 있을 것입니다.',
    );
  });

  it('does not break after an abbreviation, or before a dash that would read as a second speaker', () => {
    const text = 'The strike killed the regional commander Lt. Gen. Valery Solodchuk';
    expect(breakLines(text, 'en', limits('en'))).not.toMatch(/(?:Lt|Gen)\.\n/u);
    const dash = breakLines('Storm Shadow – це сучасна зброя з бойовою частиною', 'uk', {
      maxLineLength: 30,
      maxLines: 2,
    });
    expect(dash).not.toMatch(/\n–/u);
  });

  it('returns the least bad lines when nothing fits, for QA to report', () => {
    const number = '12 000 000 000 000 000 000 000 000 000 000 000 000 000 000';
    expect(breakLines(number, 'en', limits('en'))).toBe(number);
    const word = 'Antidisestablishmentarianism-and-then-some-more-words-here';
    expect(breakLines(`${word} ok`, 'en', limits('en'))).toBe(`${word}\nok`);
    const three = Array.from({ length: 30 }, () => 'word').join(' ');
    const broken = breakLines(three, 'en', limits('en'));
    expect(broken.split('\n')).toHaveLength(2);
  });

  it('uses up to maxLines lines, and the fewest that fit', () => {
    const text = Array.from({ length: 20 }, () => 'word').join(' ');
    expect(breakLines(text, 'en', { maxLineLength: 42, maxLines: 3 }).split('\n')).toHaveLength(3);
    expect(breakLines(text, 'en', { maxLineLength: 60, maxLines: 3 }).split('\n')).toHaveLength(2);
    expect(breakLines(text, 'en', { maxLineLength: 42, maxLines: 1 })).toBe(text);
  });

  it('does not break inside a formatting tag', () => {
    const text = '<font color="red">We are only divided by a border that you didn’t choose.</font>';
    const broken = breakLines(text, 'en', limits('en'));
    expect(broken).toContain('<font color="red">');
    expect(lengths(broken, 'en').every((length) => length <= 42)).toBe(true);
  });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * Checks that the output is the input with some whole runs of ordinary spaces turned into line breaks.
 *
 * No-break spaces stay: they are where the translator asked for no break.
 */
function onlyBreaksChanged(input: string, output: string): boolean {
  const lines = output.split('\n');
  const pattern = new RegExp(`^${lines.map(escape).join('[ \\t]+')}$`, 'u');
  return pattern.test(input) && lines.every((line) => !/^[ \t]|[ \t]$/u.test(line));
}

/** The fewest lines the words fit on, filling greedily (which is optimal for a length limit). */
function greedyLines(atoms: ReadonlyArray<string>, language: Language, maxLineLength: number): number {
  let lines = 1;
  let current = '';
  for (const atom of atoms) {
    const candidate = current === '' ? atom : `${current} ${atom}`;
    if (lineLength(candidate, language) <= maxLineLength || current === '') {
      current = candidate;
      if (lineLength(current, language) > maxLineLength) return Number.POSITIVE_INFINITY;
    } else {
      lines++;
      current = atom;
      if (lineLength(current, language) > maxLineLength) return Number.POSITIVE_INFINITY;
    }
  }
  return lines;
}

const FILLER: Readonly<Record<Language, ReadonlyArray<string>>> = {
  en: ['we', 'have', 'the', 'same', 'blood,', 'and', 'come', 'from', 'country.', 'border', 'to', 'you', 'chose'],
  uk: ['ми', 'маємо', 'одну', 'кров,', 'і', 'з', 'однієї', 'країни.', 'кордон', 'що', 'ви', 'обирали', 'в'],
  ru: ['мы', 'имеем', 'одну', 'кровь,', 'и', 'из', 'одной', 'страны.', 'граница', 'что', 'вы', 'выбирали', 'в'],
  ko: [
    '형제',
    '여러분,',
    '여러분과',
    '저는',
    '같은',
    '민족이고,',
    '피를',
    '나눴으며',
    'InformNapalm',
    '왔습니다.',
    '수',
  ],
};

const UNITS: Readonly<Record<Language, ReadonlyArray<string>>> = {
  en: ['12 000', 'Volodymyr Zelensky', '3.5 million', '12 thousand'],
  uk: ['12 тисяч', 'Валерій Солодчук', '3,5 мільйона', '12 000'],
  ru: ['12 тысяч', 'Валерий Солодчук', '3,5 миллиона', '12 000'],
  ko: ['1만 2000명', '4~12발'],
};

const languageArbitrary = fc.constantFrom<Language>('en', 'ko', 'uk', 'ru');

describe('breakLines (properties)', () => {
  it('changes only whitespace at the breaks, and never yields more than maxLines lines', () => {
    const word = fc.stringMatching(/^[A-Za-z가-힣А-Яа-яЇїІі0-9,.!?…“”()–-]{1,14}$/u);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.constantFrom(' ', '  ', '\u00a0', ' \t')), { minLength: 1, maxLength: 30 }),
        languageArbitrary,
        fc.integer({ min: 8, max: 45 }),
        fc.integer({ min: 1, max: 3 }),
        (parts, language, maxLineLength, maxLines) => {
          const text = parts.map(([w, space], index) => (index === 0 ? w : space + w)).join('');
          const output = breakLines(text, language, { maxLineLength, maxLines });
          expect(onlyBreaksChanged(text, output)).toBe(true);
          expect(output.split('\n').length).toBeLessThanOrEqual(maxLines);
          expect(breakLines(text, language, { maxLineLength, maxLines })).toBe(output);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every line within the limit when the words fit on maxLines lines', () => {
    fc.assert(
      fc.property(
        languageArbitrary.chain((language) =>
          fc.tuple(
            fc.constant(language),
            fc.array(fc.constantFrom(...FILLER[language]), { minLength: 1, maxLength: 24 }),
            fc.integer({ min: 2, max: 3 }),
          ),
        ),
        ([language, words, maxLines]) => {
          const { maxLineLength } = DEFAULT_RULES.languages[language];
          const text = words.join(' ');
          fc.pre(greedyLines(words, language, maxLineLength) <= maxLines);
          const output = breakLines(text, language, { maxLineLength, maxLines });
          for (const line of output.split('\n')) expect(lineLength(line, language)).toBeLessThanOrEqual(maxLineLength);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never splits a number, a name or a Korean number with its counter when the words fit otherwise', () => {
    fc.assert(
      fc.property(
        languageArbitrary.chain((language) =>
          fc.tuple(
            fc.constant(language),
            // Units follow words that do not end a sentence: a sentence's first two capitals need not be a name.
            fc.array(
              fc.tuple(
                fc.constantFrom(...FILLER[language].filter((word) => !word.endsWith('.'))),
                fc.option(fc.constantFrom(...UNITS[language])),
              ),
              { minLength: 1, maxLength: 12 },
            ),
          ),
        ),
        ([language, pairs]) => {
          const atoms = pairs.flatMap(([filler, unit]) => (unit === null ? [filler] : [filler, unit]));
          const { maxLineLength } = DEFAULT_RULES.languages[language];
          fc.pre(greedyLines(atoms, language, maxLineLength) <= DEFAULT_RULES.maxLines);
          const output = breakLines(atoms.join(' '), language, limits(language));
          const lines = output.split('\n');
          for (const unit of pairs.flatMap(([, u]) => (u === null ? [] : [u]))) {
            expect(
              lines.some((line) => line.includes(unit)),
              `${unit} in ${JSON.stringify(output)}`,
            ).toBe(true);
          }
          for (const line of lines) expect(lineLength(line, language)).toBeLessThanOrEqual(maxLineLength);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('breakLines remembers recent lines', () => {
  const text = 'We will not just receive you as prisoners of war, we will help you start a new life here.';

  it('answers a line broken before as it did, and the limits are part of what it remembers', () => {
    const wide = breakLines(text, 'en', { maxLineLength: 60, maxLines: 2 });
    const narrow = breakLines(text, 'en', { maxLineLength: 46, maxLines: 2 });
    expect(wide).not.toBe(narrow);
    expect(breakLines(text, 'en', { maxLineLength: 60, maxLines: 2 })).toBe(wide);
    expect(breakLines(text, 'en', { maxLineLength: 46, maxLines: 2 })).toBe(narrow);
    expect(breakLines(text, 'en', { maxLineLength: 46, maxLines: 1 })).toBe(text);
    for (const line of narrow.split('\n')) expect(lineLength(line, 'en')).toBeLessThanOrEqual(46);
  });

  it('gives the same breaks after more lines than it keeps have passed through it', () => {
    const first = breakLines(text, 'uk', { maxLineLength: 42, maxLines: 2 });
    for (let index = 0; index < 600; index++) {
      breakLines(`${text} ${index}`, 'uk', { maxLineLength: 42, maxLines: 2 });
    }
    expect(breakLines(text, 'uk', { maxLineLength: 42, maxLines: 2 })).toBe(first);
  });
});
