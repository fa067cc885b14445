import type { Language } from '../languages';

/**
 * Numbers written in a sentence, as values, whatever the language's habits.
 *
 * Numbers survive translation better than any word, but not their spelling:
 * "12,000" (English), "12 000" and "12 тисяч" (Ukrainian), "1만 2000" (Korean)
 * are one value, and so are "3.5 million", "3,5 мільйона" and "350만". Each is
 * read to a number so the aligner can compare values. The reading is
 * deliberately forgiving: a wrong guess only costs a missed match.
 */

/** Words that scale the number before them ("12 тысяч", "3.5 million"). */
const MULTIPLIERS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:thousands?|тыс\.?|тысяч[аиуе]?|тис\.?|тисяч[аіуі]?)(?![\p{L}])/u, 1e3],
  [/^(?:millions?|mln|млн\.?|миллион(?:а|ов|ы)?|мільйон(?:а|и|ів)?)(?![\p{L}])/u, 1e6],
  [/^(?:billions?|bn|млрд\.?|миллиард(?:а|ов|ы)?|мільярд(?:а|и|ів)?)(?![\p{L}])/u, 1e9],
];

/** Korean myriad units: the number system groups by four digits (만 = 10⁴, 억 = 10⁸). */
const KOREAN_UNITS: Readonly<Record<string, number>> = { 천: 1e3, 만: 1e4, 억: 1e8, 조: 1e12 };

/** Spelled-out small numbers: "four to twelve" must meet "4~12" and "від 4 до 12". */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...['two', 'два', 'две', 'двух', 'двум', 'двумя', 'дві', 'двох', 'двом', 'двома', '두'].map((w) => [w, 2] as const),
  ...['three', 'три', 'трёх', 'трех', 'трем', 'тремя', 'трьох', 'трьом', 'трьома', 'трое', 'троє', '세'].map(
    (w) => [w, 3] as const,
  ),
  ...['four', 'четыре', 'четырёх', 'четырех', 'чотири', 'чотирьох'].map((w) => [w, 4] as const),
  ...['five', 'пять', 'пяти', "п'ять", 'п’ять', "п'яти", 'п’яти', '다섯'].map((w) => [w, 5] as const),
  ...['six', 'шесть', 'шести', 'шість', '여섯'].map((w) => [w, 6] as const),
  ...['seven', 'семь', 'семи', 'сім', '일곱'].map((w) => [w, 7] as const),
  ...['eight', 'восемь', 'восьми', 'вісім', '여덟'].map((w) => [w, 8] as const),
  ...['nine', 'девять', 'девяти', "дев'ять", 'дев’ять', '아홉'].map((w) => [w, 9] as const),
  ...['ten', 'десять', 'десяти'].map((w) => [w, 10] as const),
  ...['eleven', 'одиннадцать', 'одинадцять'].map((w) => [w, 11] as const),
  ...['twelve', 'двенадцать', 'двенадцати', 'дванадцять', 'дванадцяти'].map((w) => [w, 12] as const),
  ...['twenty', 'двадцать', 'двадцять'].map((w) => [w, 20] as const),
  ...['hundred', 'сто'].map((w) => [w, 100] as const),
]);

function multiplierAt(text: string, index: number): { readonly factor: number; readonly end: number } | undefined {
  let start = index;
  while (start < text.length && /[\s\u00a0\u202f]/u.test(text[start] ?? '')) start++;
  if (start - index > 2) return undefined;
  const rest = text.slice(start, start + 16).toLowerCase();
  for (const [pattern, factor] of MULTIPLIERS) {
    const match = pattern.exec(rest);
    if (match) return { factor, end: start + match[0].length };
  }
  return undefined;
}

/**
 * Reads one run of digits and separators, such as "12,000", "12 000", "3,5" or "1.234.567".
 *
 * A separator followed by exactly three digits is a thousands separator unless
 * it is the language's decimal mark and ends the run; otherwise it is the
 * decimal mark. English and Korean write "3.5"; Ukrainian and Russian "3,5".
 */
function readDigits(run: string, language: Language): number {
  const decimalMark = language === 'uk' || language === 'ru' ? ',' : '.';
  const parts = run.split(/([,. \u00a0\u202f])/u);
  let integer = parts[0] ?? '';
  let fraction = '';
  for (let p = 1; p + 1 < parts.length; p += 2) {
    const separator = parts[p] ?? '';
    const group = parts[p + 1] ?? '';
    const last = p + 2 >= parts.length;
    const isThousands =
      fraction === '' && group.length === 3 && (separator !== decimalMark || !last || /\s/u.test(separator));
    if (isThousands && !/\s/u.test(separator) && separator === decimalMark) {
      fraction = group;
    } else if (isThousands) {
      integer += group;
    } else if (fraction === '') {
      fraction = group;
    } else {
      break;
    }
  }
  return Number(fraction === '' ? integer : `${integer}.${fraction}`);
}

const DIGIT_RUN = /\d+(?:(?:[,.]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*/gu;

/**
 * All number values in a text: digits with their separators and scale words, Korean 만/억, and small number words.
 *
 * A Korean month ("11월") is not returned: it is a calendar anchor (see `calendarAnchors`).
 */
export function extractNumbers(text: string, language: Language): number[] {
  return [...digitValues(text, language), ...wordNumbers(text)];
}

/** The numbers written with digits (see `extractNumbers`); [] at once for a text with no digit. */
export function digitValues(text: string, language: Language): number[] {
  if (!/\d/u.test(text)) return [];
  return language === 'ko' ? koreanNumbers(text) : digitNumbers(text, language);
}

/**
 * Number words by a 32-bit hash of their lower-case spelling, in an open-addressing table.
 *
 * Every word of every sentence is looked up, and a `Map` keyed by strings had
 * to hash each freshly sliced word in full; this table is read with a hash
 * computed on the fly, and rejects most words by length and first letter.
 */
const NUMBER_TABLE_SIZE = 512;
const numberHashes = new Int32Array(NUMBER_TABLE_SIZE);
const numberValues = new Float64Array(NUMBER_TABLE_SIZE);
const numberFirstLetters = new Set<number>();

function lowerCode(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code >= 0x410 && code <= 0x42f) return code + 0x20;
  if (code >= 0x400 && code <= 0x40f) return code + 0x50;
  return code;
}

function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= lowerCode(word.charCodeAt(i));
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 1;
}

for (const [word, value] of NUMBER_WORDS) {
  let slot = wordHash(word) & (NUMBER_TABLE_SIZE - 1);
  while (numberHashes[slot] !== 0) slot = (slot + 1) & (NUMBER_TABLE_SIZE - 1);
  numberHashes[slot] = wordHash(word);
  numberValues[slot] = value;
  numberFirstLetters.add(lowerCode(word.charCodeAt(0)));
}

/**
 * The value of a spelled-out number word ("twelve", "Двенадцать"), or undefined.
 *
 * `nextWord` is the word after it (any case), for a scale ("three million").
 */
export function numberWordValue(word: string, nextWord: string | undefined): number | undefined {
  if (word.length > 11 || !numberFirstLetters.has(lowerCode(word.charCodeAt(0)))) return undefined;
  const hash = wordHash(word);
  let slot = hash & (NUMBER_TABLE_SIZE - 1);
  while (numberHashes[slot] !== 0 && numberHashes[slot] !== hash) slot = (slot + 1) & (NUMBER_TABLE_SIZE - 1);
  if (numberHashes[slot] !== hash) return undefined;
  const small = numberValues[slot] ?? 0;
  if (nextWord === undefined) return small;
  const scale = multiplierAt(nextWord.toLowerCase(), 0);
  return scale ? small * scale.factor : small;
}

function digitNumbers(text: string, language: Language): number[] {
  const values: number[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    const value = readDigits(match[0], language);
    if (!Number.isFinite(value)) continue;
    const scale = multiplierAt(text, match.index + match[0].length);
    values.push(scale ? value * scale.factor : value);
  }
  return values;
}

/**
 * Korean numbers, where units chain and groups add up: "1만 2000" = 12000, "2억 5천만" = 250000000.
 *
 * A group joins the one before it when the earlier group ended in a larger
 * unit and at most one space separates them.
 */
function koreanNumbers(text: string): number[] {
  const values: number[] = [];
  let pending: { value: number; unit: number; end: number } | undefined;
  const flush = (): void => {
    if (pending) values.push(pending.value);
    pending = undefined;
  };
  for (const match of text.matchAll(DIGIT_RUN)) {
    const start = match.index;
    let end = start + match[0].length;
    if (text[end] === '월' && text[end + 1] !== '요') continue;
    let value = readDigits(match[0], 'ko');
    if (!Number.isFinite(value)) continue;
    let unit = 1;
    for (let factor = KOREAN_UNITS[text[end] ?? '']; factor !== undefined; factor = KOREAN_UNITS[text[end] ?? '']) {
      value *= factor;
      unit = factor;
      end++;
    }
    const joins =
      pending !== undefined && pending.unit > Math.max(unit, value) && /^\s?$/u.test(text.slice(pending.end, start));
    if (pending && joins) {
      pending.value += value;
      pending.unit = unit;
      pending.end = end;
    } else {
      flush();
      pending = { value, unit, end };
    }
    if (unit === 1) flush();
  }
  flush();
  return values;
}

function wordNumbers(text: string): number[] {
  const values: number[] = [];
  for (const word of text.matchAll(/[\p{L}’']+/gu)) {
    const small = NUMBER_WORDS.get(word[0].toLowerCase());
    if (small === undefined) continue;
    const scale = multiplierAt(text, word.index + word[0].length);
    values.push(scale ? small * scale.factor : small);
  }
  return values;
}
