import type { Language } from '../languages';

/**
 * The numbers a text states, as values, so that a translation can be checked against its source.
 *
 * Translators rewrite every number in their language's habits: "12,000" becomes
 * "12 000" or "12 тисяч" in Ukrainian and "1만 2000" in Korean; "3.5 million"
 * becomes "3,5 мільйона" or "350만". Each is read back to its value here, so the
 * QA can compare values instead of spellings. What counts as a number:
 *
 * - digits with thousands separators (",", ".", spaces including no-break and
 *   thin spaces) and a decimal mark, read by the language's habits (see `readRun`);
 * - a scale word after them: thousand, million, billion and their Ukrainian and
 *   Russian forms and abbreviations (тис., тыс., млн, млрд), and the Korean units
 *   십, 백, 천, 만, 억, 조 ("1만 2000" = 12000, "350만" = 3 500 000);
 * - small cardinal numbers in words (two to twelve and the tens, "три", "троє",
 *   "втричі", Korean "두", "세"), because style guides spell them out in one
 *   language and use digits in another ("two brigades" / "2개 여단");
 * - month names (August, серпня, августа), because Korean writes months as
 *   numerals ("8월") and a wrong month is a wrong number.
 *
 * Ordinals give their number ("92nd", "92-га", "제92" → 92); ordinal words
 * ("first", "перші") and "one" are not read, because they are as often articles,
 * pronouns or idioms as numbers. Years are numbers like any other (2024). Signs
 * are ignored: every value is non-negative.
 */
export function extractNumbers(text: string, language: Language): number[] {
  const source = text.normalize('NFC');
  const values: number[] = [];
  const token = /\d+(?:[,.\u0020\u00a0\u2009\u202f]\d+)*|[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu;
  for (let match = token.exec(source); match !== null; match = token.exec(source)) {
    const word = match[0];
    const end = match.index + word.length;
    if (/^\d/u.test(word)) {
      const run = readRun(word, language);
      const last = run.values.length - 1;
      const lastValue = run.values[last];
      if (lastValue === undefined) continue;
      const korean = readKoreanUnits(source, end, lastValue);
      if (korean) {
        values.push(...run.values.slice(0, last), korean.value);
        token.lastIndex = korean.end;
        continue;
      }
      const scale = scaleAfter(source, end);
      if (scale) {
        values.push(...run.values.slice(0, last), round(lastValue * scale.factor));
        token.lastIndex = scale.end;
        continue;
      }
      values.push(...run.values);
      continue;
    }
    const month = monthNumber(word, language, source, match.index, end);
    if (month !== undefined) {
      values.push(month);
      continue;
    }
    const spelled = spelledNumber(word, language, source, end);
    if (spelled) {
      values.push(spelled.value);
      token.lastIndex = spelled.end;
    }
  }
  return values;
}

/**
 * Whether two lists hold the same numbers, in any order (multiset equality).
 *
 * Order is free because translations reorder ("20 листопада" for "Nov. 20").
 */
export function sameNumbers(a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean {
  if (a.length !== b.length) return false;
  const left = [...a].sort((x, y) => x - y);
  const right = [...b].sort((x, y) => x - y);
  return left.every((value, index) => Math.abs(value - (right[index] ?? Number.NaN)) <= 1e-9 * Math.max(1, value));
}

/** Rounds away the binary noise of decimal arithmetic: 3.5 × 10⁶ stays 3500000, 0.1 × 3 is 0.3. */
function round(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Reads one run of digits and separators, such as "12,000", "12 000", "3,5", "1.234.567" or "20.11.2024".
 *
 * A separator followed by exactly three digits groups thousands, unless it is
 * the language's decimal mark (English and Korean ".", Ukrainian and Russian ",")
 * and the only such separator: "12.000" is 12000 in Ukrainian but 12 in English,
 * "12,000" the other way round. A space only ever groups thousands, and only
 * after a group of one to three digits ("2024 300" is two numbers). A "." or ","
 * followed by other than three digits is a decimal mark in every language, so
 * "3.5" and "3,5" are both 3.5. A run that fits none of this ("20.11.2024",
 * "1,2,3") is a list of separate numbers.
 */
function readRun(run: string, language: Language): { readonly values: ReadonlyArray<number> } {
  const decimalMark = language === 'uk' || language === 'ru' ? ',' : '.';
  const groups = run.split(/[,.\u0020\u00a0\u2009\u202f]/u);
  const separators = run.match(/[,.\u0020\u00a0\u2009\u202f]/gu) ?? [];
  const numbers: number[] = [];
  let index = 0;
  while (index < groups.length) {
    let integer = groups[index] ?? '';
    let fraction = '';
    let grouping: string | undefined;
    let next = index + 1;
    while (next < groups.length) {
      const separator = separators[next - 1] ?? '';
      const group = groups[next] ?? '';
      const space = /\s/u.test(separator);
      const firstGroupShort = (groups[index] ?? '').length <= 3;
      const sameMarkLater = separators.slice(next).includes(separator);
      const canGroup =
        group.length === 3 && firstGroupShort && (grouping === undefined || grouping === kind(separator));
      if (canGroup && (space || separator !== decimalMark || sameMarkLater || grouping !== undefined)) {
        grouping = kind(separator);
        integer += group;
        next++;
        continue;
      }
      if (!space && fraction === '') {
        fraction = group;
        next++;
      }
      break;
    }
    const nextSeparator = separators[next - 1];
    if (fraction !== '' && nextSeparator !== undefined && !/\s/u.test(nextSeparator)) {
      // "20.11.2024", "1,2,3": not one number but several.
      for (let part = index; part < groups.length; part++) numbers.push(Number(groups[part]));
      return { values: numbers };
    }
    numbers.push(round(Number(fraction === '' ? integer : `${integer}.${fraction}`)));
    index = next;
  }
  return { values: numbers };
}

function kind(separator: string): string {
  return /\s/u.test(separator) ? ' ' : separator;
}

const KOREAN_SMALL_UNITS: Readonly<Record<string, number>> = { 십: 10, 백: 100, 천: 1000 };
const KOREAN_LARGE_UNITS: Readonly<Record<string, number>> = { 만: 1e4, 억: 1e8, 조: 1e12 };

/**
 * Reads Korean units after a number: "1만 2000" = 12000, "2억 5천만" = 250 000 000, "350만" = 3 500 000.
 *
 * Korean groups digits by four: 십, 백, 천 count within a group and 만, 억, 조
 * close it. After a large unit, one space and a smaller number continue the
 * same number ("1만 2000명"). Returns undefined when no unit follows the digits.
 */
function readKoreanUnits(text: string, start: number, first: number): { value: number; end: number } | undefined {
  if (!/^[십백천만억조]/u.test(text.slice(start, start + 1))) return undefined;
  let total = 0;
  let group = 0;
  let current = first;
  let position = start;
  let lastLarge = Number.POSITIVE_INFINITY;
  for (;;) {
    const unit = text[position] ?? '';
    const small = KOREAN_SMALL_UNITS[unit];
    const large = KOREAN_LARGE_UNITS[unit];
    if (small !== undefined) {
      group += current * small;
      current = 0;
      position++;
    } else if (large !== undefined && large < lastLarge) {
      total += (group + current) * large;
      group = 0;
      current = 0;
      lastLarge = large;
      position++;
    } else {
      break;
    }
    const more = /^([\u0020\u00a0]?)(\d+(?:\.\d+)?)/u.exec(text.slice(position, position + 24));
    const digits = more?.[2];
    if (more === null || digits === undefined) continue;
    const value = Number(digits);
    // A space continues the number only after a large unit and with a smaller value: "1만 2000".
    if (more[1] !== '' && !(small === undefined && value < lastLarge)) break;
    current = value;
    position += more[0].length;
  }
  return { value: round(total + group + current), end: position };
}

/** Words that scale the number before them, in English, Ukrainian and Russian. */
const SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:hundreds?|сот(?:ні|ни|ен)?)(?![\p{L}])/u, 100],
  [/^(?:thousands?|k|тис\.|тис(?![\p{L}])|тисяч\p{L}*|тыс\.|тыс(?![\p{L}])|тысяч\p{L}*)(?![\p{L}])/u, 1e3],
  [/^(?:millions?|mln|млн\.?|мільйон\p{L}*|миллион\p{L}*)(?![\p{L}])/u, 1e6],
  [/^(?:billions?|bn|млрд\.?|мільярд\p{L}*|миллиард\p{L}*)(?![\p{L}])/u, 1e9],
];

function scaleAfter(text: string, start: number): { readonly factor: number; readonly end: number } | undefined {
  const gap = /^[\u0020\u00a0\u2009\u202f]?/u.exec(text.slice(start, start + 1))?.[0] ?? '';
  const rest = text.slice(start + gap.length, start + gap.length + 24).toLowerCase();
  for (const [pattern, factor] of SCALES) {
    const match = pattern.exec(rest);
    // "12k" only when glued to the digits. ("5m" is as often five metres as five million.)
    if (match && (gap === '' || match[0] !== 'k')) {
      return { factor, end: start + gap.length + match[0].length };
    }
  }
  return undefined;
}

const ENGLISH_MONTHS: ReadonlyArray<string> = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ENGLISH_MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Sept: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** Month stems with their endings: nominative, genitive ("20 листопада"), locative ("у серпні"). */
const UKRAINIAN_MONTHS = [
  /^січ(?:ень|ня|ні)$/u,
  /^лют(?:ий|ого|ому)$/u,
  /^берез(?:ень|ня|ні)$/u,
  /^квіт(?:ень|ня|ні)$/u,
  /^трав(?:ень|ня|ні)$/u,
  /^черв(?:ень|ня|ні)$/u,
  /^лип(?:ень|ня|ні)$/u,
  /^серп(?:ень|ня|ні)$/u,
  /^верес(?:ень|ня|ні)$/u,
  /^жовт(?:ень|ня|ні)$/u,
  /^листопад(?:а|і|у)?$/u,
  /^груд(?:ень|ня|ні)$/u,
];

const RUSSIAN_MONTHS = [
  /^январ(?:ь|я|е|ём)$/u,
  /^феврал(?:ь|я|е|ём)$/u,
  /^март(?:а|е|ом)?$/u,
  /^апрел(?:ь|я|е|ем)$/u,
  /^ма(?:й|я|е|ем)$/u,
  /^июн(?:ь|я|е|ем)$/u,
  /^июл(?:ь|я|е|ем)$/u,
  /^август(?:а|е|ом)?$/u,
  /^сентябр(?:ь|я|е|ём)$/u,
  /^октябр(?:ь|я|е|ём)$/u,
  /^ноябр(?:ь|я|е|ём)$/u,
  /^декабр(?:ь|я|е|ём)$/u,
];

/**
 * The month a word names, 1–12, or undefined.
 *
 * English months are capitalised, so "march" and "may" are verbs; "May" counts
 * only next to a number ("May 9", "9 May"), since it starts questions too.
 * Korean needs nothing here: it writes months as "8월", which the digits give.
 */
function monthNumber(word: string, language: Language, text: string, start: number, end: number): number | undefined {
  switch (language) {
    case 'en': {
      const full = ENGLISH_MONTHS.indexOf(word);
      if (full === 4) {
        return /^\s\d/u.test(text.slice(end, end + 2)) || /\d\s$/u.test(text.slice(Math.max(0, start - 2), start))
          ? 5
          : undefined;
      }
      if (full >= 0) return full + 1;
      return text[end] === '.' ? ENGLISH_MONTH_ABBREVIATIONS[word] : undefined;
    }
    case 'uk':
    case 'ru': {
      const lower = word.toLowerCase();
      const index = (language === 'uk' ? UKRAINIAN_MONTHS : RUSSIAN_MONTHS).findIndex((pattern) => pattern.test(lower));
      return index >= 0 ? index + 1 : undefined;
    }
    case 'ko':
      return undefined;
  }
}

function words(value: number, list: ReadonlyArray<string>): ReadonlyArray<readonly [string, number]> {
  return list.map((word) => [word, value] as const);
}

/** Cardinals two to twelve, the tens, and "twice"/"втричі", which translations render as digits. */
const NUMBER_WORDS: Readonly<Record<Language, ReadonlyMap<string, number>>> = {
  en: new Map([
    ...words(2, ['two', 'twice']),
    ...words(3, ['three', 'thrice']),
    ...words(4, ['four']),
    ...words(5, ['five']),
    ...words(6, ['six']),
    ...words(7, ['seven']),
    ...words(8, ['eight']),
    ...words(9, ['nine']),
    ...words(10, ['ten']),
    ...words(11, ['eleven']),
    ...words(12, ['twelve']),
    ...words(20, ['twenty']),
    ...words(30, ['thirty']),
    ...words(40, ['forty']),
    ...words(50, ['fifty']),
    ...words(60, ['sixty']),
    ...words(70, ['seventy']),
    ...words(80, ['eighty']),
    ...words(90, ['ninety']),
  ]),
  uk: new Map([
    ...words(2, ['два', 'дві', 'двох', 'двом', 'двома', 'двоє', 'вдвічі', 'удвічі', 'вдвоє', 'удвоє']),
    ...words(3, ['три', 'трьох', 'трьом', 'трьома', 'троє', 'втричі', 'утричі', 'втроє', 'утроє']),
    ...words(4, ['чотири', 'чотирьох', 'чотирьом', 'чотирма', 'четверо', 'вчетверо', 'учетверо']),
    ...words(5, ["п'ять", 'п’ять', 'пʼять', "п'яти", 'п’яти', 'пʼяти', "п'ятеро", 'п’ятеро', 'пʼятеро']),
    ...words(6, ['шість', 'шести', 'шістьох', 'шестеро']),
    ...words(7, ['сім', 'семи', 'сімох', 'семеро']),
    ...words(8, ['вісім', 'восьми', 'вісьмох']),
    ...words(9, ["дев'ять", 'дев’ять', 'девʼять', "дев'яти", 'дев’яти', 'девʼяти']),
    ...words(10, ['десять', 'десяти']),
    ...words(11, ['одинадцять', 'одинадцяти']),
    ...words(12, ['дванадцять', 'дванадцяти']),
    ...words(20, ['двадцять', 'двадцяти']),
    ...words(30, ['тридцять', 'тридцяти']),
    ...words(40, ['сорок', 'сорока']),
    ...words(50, ["п'ятдесят", 'п’ятдесят', 'пʼятдесят']),
    ...words(100, ['сто']),
  ]),
  ru: new Map([
    ...words(2, ['два', 'две', 'двух', 'двум', 'двумя', 'двое', 'вдвое']),
    ...words(3, ['три', 'трёх', 'трех', 'трём', 'трем', 'тремя', 'трое', 'втрое']),
    ...words(4, ['четыре', 'четырёх', 'четырех', 'четырём', 'четырем', 'четырьмя', 'четверо', 'вчетверо']),
    ...words(5, ['пять', 'пяти', 'пятью', 'пятеро']),
    ...words(6, ['шесть', 'шести', 'шестью', 'шестеро']),
    ...words(7, ['семь', 'семи', 'семью', 'семеро']),
    ...words(8, ['восемь', 'восьми', 'восемью']),
    ...words(9, ['девять', 'девяти', 'девятью']),
    ...words(10, ['десять', 'десяти', 'десятью']),
    ...words(11, ['одиннадцать', 'одиннадцати']),
    ...words(12, ['двенадцать', 'двенадцати']),
    ...words(20, ['двадцать', 'двадцати']),
    ...words(30, ['тридцать', 'тридцати']),
    ...words(40, ['сорок', 'сорока']),
    ...words(50, ['пятьдесят', 'пятидесяти']),
    ...words(100, ['сто']),
  ]),
  ko: new Map([
    ...words(2, ['두', '둘']),
    ...words(3, ['세', '셋']),
    ...words(4, ['네', '넷']),
    ...words(5, ['다섯']),
    ...words(6, ['여섯']),
    ...words(7, ['일곱']),
    ...words(8, ['여덟']),
    ...words(9, ['아홉']),
    ...words(20, ['스무', '스물']),
  ]),
};

const TENS = new Set([20, 30, 40, 50, 60, 70, 80, 90]);

/** Korean counters after which "네" is four rather than "yes" or "your". */
const KOREAN_COUNTERS =
  /^(?:명|개|가지|번|달|시간|살|마리|대|발|곳|배|사람|차례|군데|척|권|장|잔|병|분|주|해)(?![\p{L}])/u;

/**
 * A number written in words, with a scale word after it ("three million") and a
 * unit after a ten ("twenty-five", "двадцать пять").
 *
 * Korean native numerals are whole words before a noun ("두 달", "세 명"); "세"
 * and "네" are also common syllables, so they count only as separate words, and
 * "네" only before a counter.
 */
function spelledNumber(
  word: string,
  language: Language,
  text: string,
  end: number,
): { readonly value: number; readonly end: number } | undefined {
  const dictionary = NUMBER_WORDS[language];
  let value = dictionary.get(word.toLowerCase());
  if (value === undefined) return undefined;
  let position = end;
  if (language === 'ko') {
    const after = text.slice(end, end + 8);
    if (!/^[\u0020\u00a0]/u.test(after) && !/^(?:둘|셋|넷)$/u.test(word)) return undefined;
    if (word === '네' && !KOREAN_COUNTERS.test(after.slice(1))) return undefined;
    return { value, end };
  }
  if (TENS.has(value)) {
    const unit = /^[-\u0020\u00a0]([\p{L}'’ʼ]+)/u.exec(text.slice(position, position + 16));
    const unitWord = unit?.[1]?.toLowerCase();
    const unitValue = unitWord === undefined ? undefined : (dictionary.get(unitWord) ?? ONES[language].get(unitWord));
    if (unit && unitValue !== undefined && unitValue < 10) {
      value += unitValue;
      position += unit[0].length;
    }
  }
  const scale = scaleAfter(text, position);
  if (scale && scale.factor > 1) return { value: round(value * scale.factor), end: scale.end };
  return { value, end: position };
}

/** "One" after a ten: "twenty-one", "двадцать один". Alone it is too often not a number to read. */
const ONES: Readonly<Record<Language, ReadonlyMap<string, number>>> = {
  en: new Map([['one', 1]]),
  uk: new Map(words(1, ['один', 'одна', 'одне', 'одного', 'одній'])),
  ru: new Map(words(1, ['один', 'одна', 'одно', 'одного', 'одной'])),
  ko: new Map(),
};
