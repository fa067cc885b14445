import { assertNever, type Language } from '../languages';
import type { DubbingSettings, Project, Segment } from '../model/project';

/**
 * Speaking rates for a dubbing script: measured, deliberate voice-over speech.
 *
 * Syllables per second. Conversational and laboratory read speech is faster
 * (English about 6 syllables/s), but a dubbing actor has to be understood over
 * the picture and keep in sync, so the defaults sit well below it. Korean
 * syllables (one Hangul block each) are short and simple, so more of them fit
 * in a second; Russian and Ukrainian sit between. Every rate is editable per
 * project (`project.settings.dubbing`).
 */
export const DEFAULT_DUBBING: DubbingSettings = {
  rates: { en: 4, ko: 6.5, uk: 5, ru: 5 },
  tolerancePercent: 10,
};

/** A pause inside a line at a comma, semicolon, colon, dash, bracket or ellipsis. */
export const CLAUSE_PAUSE_MS = 150;

/** A pause inside a line between two sentences. */
export const SENTENCE_PAUSE_MS = 300;

/** The project's dubbing settings, or the defaults when it has none. */
export function dubbingOf(project: Project): DubbingSettings {
  return project.settings.dubbing ?? DEFAULT_DUBBING;
}

/** Whether a line can be said in its slot, and by how much it overruns. */
export interface Fit {
  readonly fits: boolean;
  /** Speaking time over slot: 1.2 means 20 % longer than the slot. */
  readonly ratio: number;
  /** How much longer than the slot (not the tolerance) the line takes; 0 when shorter. */
  readonly overMs: number;
}

/** A transcript cell's speaking time against its cue. */
export interface SegmentFit {
  readonly syllables: number;
  readonly speakingMs: number;
  readonly slotMs: number;
  readonly fit: Fit;
}

// ---------------------------------------------------------------------------
// Syllables

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/u;
/** Russian and Ukrainian vowel letters together, so a Russian quote in a Ukrainian line is counted too. */
const CYRILLIC_VOWELS = /[аеёиоуыэюяєіїАЕЁИОУЫЭЮЯЄІЇ]/gu;
const CYRILLIC_SIGNS = /[ьъЬЪ]/gu;

const LATIN_WORD = "\\p{Script=Latin}[\\p{Script=Latin}\\p{M}]*(?:['’ʼ]\\p{Script=Latin}[\\p{Script=Latin}\\p{M}]*)*";
const CYRILLIC_WORD =
  "\\p{Script=Cyrillic}[\\p{Script=Cyrillic}\\p{M}]*(?:['’ʼ]\\p{Script=Cyrillic}[\\p{Script=Cyrillic}\\p{M}]*)*";
const HAN = '\\p{Script=Han}';
/** "12,000" and "3.5" in English and Korean; "12 000", "3,5" and "3.5" in Russian and Ukrainian. */
const NUMBER_COMMA_THOUSANDS = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const NUMBER_SPACE_THOUSANDS = '\\d{1,3}(?:[\\u0020\\u00A0\\u2009\\u202F]\\d{3})+(?:,\\d+)?|\\d+(?:[,.]\\d+)?';
/** English ordinal and plural endings belong to the number: "92nd", "1990s". */
const ENGLISH_NUMBER_SUFFIX = '(?:(?:st|nd|rd|th|s)(?!\\p{L}))?';

type TokenKind = 'hangul' | 'latin' | 'cyrillic' | 'han' | 'number' | 'percent';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Where the match starts and ends in the line, suffixes included. */
  readonly start: number;
  readonly end: number;
}

function numberPattern(language: Language): string {
  switch (language) {
    case 'en':
    case 'ko':
      return `(?:${NUMBER_COMMA_THOUSANDS})`;
    case 'uk':
    case 'ru':
      return `(?:${NUMBER_SPACE_THOUSANDS})`;
    default:
      return assertNever(language);
  }
}

const tokenPatterns = new Map<Language, RegExp>();

/** One regular expression per language; only the number syntax differs. */
function tokenPattern(language: Language): RegExp {
  const known = tokenPatterns.get(language);
  if (known !== undefined) return known;
  const pattern = new RegExp(
    [
      '(?<hangul>[\\uAC00-\\uD7A3]+)',
      `(?<number>${numberPattern(language)})${ENGLISH_NUMBER_SUFFIX}`,
      `(?<latin>${LATIN_WORD})`,
      `(?<cyrillic>${CYRILLIC_WORD})`,
      `(?<han>${HAN})`,
      '(?<percent>%)',
    ].join('|'),
    'gu',
  );
  tokenPatterns.set(language, pattern);
  return pattern;
}

function tokenize(text: string, language: Language): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern(language))) {
    const groups = match.groups ?? {};
    const kind = (['hangul', 'number', 'latin', 'cyrillic', 'han', 'percent'] as const).find(
      (name) => groups[name] !== undefined,
    );
    if (kind === undefined) continue;
    tokens.push({ kind, text: groups[kind] ?? '', start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * How many syllables a line takes to say, by the habits of its language.
 *
 * - Korean: one per precomposed Hangul block (U+AC00–U+D7A3), one per Hanja.
 * - Russian and Ukrainian: one per vowel letter (аеёиоуыэюя, аеєиіїоуюя; the
 *   two sets are counted together, so quotes in the other language count
 *   too). Prepositions without a vowel ("в", "з", "с") add nothing, as they
 *   are said with the next word. An abbreviation in capitals with at most one
 *   vowel ("ЗСУ", "США") is spelt: one syllable per letter.
 * - English, and Latin-script words inside every language: vowel groups, less
 *   a silent final e ("same"), a silent -ed ("helped", not "wanted") and -es
 *   ("makes", not "changes"), counting -le after a consonant ("people"); at
 *   least one per word. Capitals of two or three letters ("BBC", "ZSU") are
 *   spelt, unless the whole line is in capitals; capitals without a vowel
 *   ("WWF") always are. Expect ±1 on long words.
 * - Numbers in digits: the syllables of the number as the line's language
 *   says it (see `numberSyllables`), so "12,000" in English is "twelve
 *   thousand" (3) and in Korean "만 이천" (3). "%" adds the word for percent.
 *
 * Punctuation adds no syllables (see `pauseMsOf` for the pauses it makes).
 */
export function countSyllables(text: string, language: Language): number {
  const source = text.normalize('NFC');
  const shouting = !/\p{Ll}/u.test(source) && !HANGUL_SYLLABLE.test(source);
  let total = 0;
  for (const token of tokenize(source, language)) total += tokenSyllables(token, language, shouting);
  return total;
}

function tokenSyllables(token: Token, language: Language, shouting: boolean): number {
  switch (token.kind) {
    case 'hangul':
      // Precomposed Hangul is in the Basic Multilingual Plane: one code unit per block.
      return token.text.length;
    case 'han':
      return 1;
    case 'latin':
      return englishWordSyllables(token.text, shouting);
    case 'cyrillic':
      return cyrillicWordSyllables(token.text, shouting);
    case 'number':
      return numberSyllables(token.text, language);
    case 'percent':
      return PERCENT_SYLLABLES[language];
    default:
      return assertNever(token.kind);
  }
}

/** "percent", "퍼센트", "відсотків", "процентов". */
const PERCENT_SYLLABLES: Readonly<Record<Language, number>> = { en: 2, ko: 3, uk: 3, ru: 3 };

function cyrillicWordSyllables(word: string, shouting: boolean): number {
  const vowels = word.match(CYRILLIC_VOWELS)?.length ?? 0;
  const letters = word.replace(/['’ʼ]/gu, '');
  const isAbbreviation =
    !shouting && letters.length >= 2 && letters.length <= 4 && letters === letters.toUpperCase() && vowels <= 1;
  if (isAbbreviation) return letters.replace(CYRILLIC_SIGNS, '').length;
  return vowels;
}

const ENGLISH_VOWEL_GROUPS = /[aeiouy]+/gu;
/** Not y, which joins the vowel groups. */
const ENGLISH_CONSONANT = /^[b-df-hj-np-tv-xz]$/u;

function isConsonant(letter: string | undefined): boolean {
  return letter !== undefined && ENGLISH_CONSONANT.test(letter);
}

/** Letter names are one syllable each, except "double-u". */
function spelledSyllables(letters: string): number {
  return letters.split('').reduce((sum, letter) => sum + (letter === 'w' ? 3 : 1), 0);
}

/**
 * Syllables of one English word by vowel groups and the common silent-letter endings.
 *
 * A heuristic, not a dictionary: it is right for the everyday words of a
 * script and usually within one on long or borrowed ones ("Korea" and "idea"
 * are handled; "video" is not).
 */
export function englishWordSyllables(word: string, shouting = false): number {
  const plainWithApostrophes = word.normalize('NFD').replace(/\p{M}/gu, '');
  const plain = plainWithApostrophes.replace(/['’ʼ]/gu, '');
  const w = plain.toLowerCase().replace(/[^a-z]/gu, '');
  if (w === '') return 1;
  let count = w.match(ENGLISH_VOWEL_GROUPS)?.length ?? 0;
  if (plain === plain.toUpperCase() && w.length >= 2 && ((!shouting && w.length <= 3) || count === 0)) {
    return spelledSyllables(w);
  }
  const at = (fromEnd: number): string | undefined => w[w.length - fromEnd];
  if (count > 1) {
    if (w.endsWith('e') && isConsonant(at(2))) {
      // "people", "table", but "whole", "style".
      const syllabicLe = at(2) === 'l' && isConsonant(at(3));
      if (!syllabicLe) count -= 1;
    } else if (w.endsWith('es') && isConsonant(at(3))) {
      const sibilant = /(?:[sxzcg]|ch|sh)es$/u.test(w);
      const syllabicLes = at(3) === 'l' && isConsonant(at(4));
      if (!sibilant && !syllabicLes) count -= 1;
    } else if (w.endsWith('ed') && isConsonant(at(3)) && at(3) !== 't' && at(3) !== 'd') {
      // "hundred", "troubled" keep theirs: -red or -led after another consonant.
      const syllabic = (at(3) === 'r' || at(3) === 'l') && isConsonant(at(4)) && at(4) !== 'l';
      if (!syllabic) count -= 1;
    }
    // A silent e before a suffix: "lovely", "movement", "hopeful".
    if (/[aeiouy][b-df-hj-np-tv-z]e(?:ly|ment|ful|less|ness)$/u.test(w)) count -= 1;
    // "idea", "Korea", "area": a final ea is two syllables after another vowel.
    if (/[^aeiouy]ea$/u.test(w)) count += 1;
  }
  if (/[^aeiouy]sm$/u.test(w)) count += 1;
  // "didn't", "wasn't": the n is a syllable of its own after a consonant ("don't" is one).
  if (/[b-df-hj-np-tv-z]n['’ʼ]t$/u.test(plainWithApostrophes.toLowerCase())) count += 1;
  return Math.max(1, count);
}

// ---------------------------------------------------------------------------
// Numbers

const ENGLISH_UNITS = [2, 1, 1, 1, 1, 1, 1, 2, 1, 1]; // zero, one, ..., seven, eight, nine
const ENGLISH_TEENS = [1, 3, 1, 2, 2, 2, 2, 3, 2, 2]; // ten, eleven, twelve, thirteen, ...
const ENGLISH_TENS = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2]; // twenty, thirty, ..., seventy, ...
/** Hundred, then thousand, million, billion, trillion. */
const ENGLISH_HUNDRED = 2;
const ENGLISH_SCALE = 2;

function englishBelow100(n: number): number {
  if (n < 10) return ENGLISH_UNITS[n] ?? 1;
  if (n < 20) return ENGLISH_TEENS[n - 10] ?? 2;
  const units = n % 10;
  return (ENGLISH_TENS[Math.floor(n / 10)] ?? 2) + (units === 0 ? 0 : (ENGLISH_UNITS[units] ?? 1));
}

function englishBelow1000(n: number): number {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  return (hundreds > 0 ? englishBelow100(hundreds) + ENGLISH_HUNDRED : 0) + (rest > 0 ? englishBelow100(rest) : 0);
}

function englishInteger(digits: string): number {
  const n = Number(digits);
  if (n === 0) return ENGLISH_UNITS[0] ?? 2;
  // Years are said in pairs: "nineteen ninety-one", "twenty twenty-four".
  if (digits.length === 4 && ((n >= 1100 && n <= 1999) || (n >= 2010 && n <= 2099))) {
    const low = n % 100;
    const lowSyllables = low === 0 ? ENGLISH_HUNDRED : low < 10 ? 1 + englishBelow100(low) : englishBelow100(low);
    return englishBelow100(Math.floor(n / 100)) + lowSyllables;
  }
  return groupsOf(digits, 3).reduce(
    (sum, group, scale) => sum + (group === 0 ? 0 : englishBelow1000(group) + (scale > 0 ? ENGLISH_SCALE : 0)),
    0,
  );
}

/** Sino-Korean numbers: each non-zero digit is a syllable, each place (십, 백, 천) another, 일 left out before a place. */
function koreanInteger(digits: string): number {
  const n = Number(digits);
  if (n === 0) return 1; // 영
  return groupsOf(digits, 4).reduce((sum, group, scale) => {
    if (group === 0) return sum;
    // 10 000 is "만", not "일만"; 10^8 is "일억".
    const groupSyllables = group === 1 && scale === 1 ? 0 : koreanBelow10000(group);
    return sum + groupSyllables + (scale > 0 ? 1 : 0);
  }, 0);
}

function koreanBelow10000(n: number): number {
  let syllables = 0;
  for (const [place, digit] of String(n)
    .split('')
    .reverse()
    .map((d, index) => [index, Number(d)] as const)) {
    if (digit === 0) continue;
    syllables += place === 0 ? 1 : (digit === 1 ? 0 : 1) + 1;
  }
  return syllables;
}

interface SlavicNumberWords {
  readonly units: ReadonlyArray<string>;
  readonly teens: ReadonlyArray<string>;
  readonly tens: ReadonlyArray<string>;
  readonly hundreds: ReadonlyArray<string>;
  /** Forms after 1, after 2–4, after the rest: thousand, million, billion, trillion. */
  readonly scales: ReadonlyArray<readonly [string, string, string]>;
}

const RUSSIAN_NUMBERS: SlavicNumberWords = {
  units: ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  teens: [
    'десять',
    'одиннадцать',
    'двенадцать',
    'тринадцать',
    'четырнадцать',
    'пятнадцать',
    'шестнадцать',
    'семнадцать',
    'восемнадцать',
    'девятнадцать',
  ],
  tens: ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'],
  hundreds: ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'],
  scales: [
    ['тысяча', 'тысячи', 'тысяч'],
    ['миллион', 'миллиона', 'миллионов'],
    ['миллиард', 'миллиарда', 'миллиардов'],
    ['триллион', 'триллиона', 'триллионов'],
  ],
};

const UKRAINIAN_NUMBERS: SlavicNumberWords = {
  units: ['нуль', 'один', 'два', 'три', 'чотири', 'пʼять', 'шість', 'сім', 'вісім', 'девʼять'],
  teens: [
    'десять',
    'одинадцять',
    'дванадцять',
    'тринадцять',
    'чотирнадцять',
    'пʼятнадцять',
    'шістнадцять',
    'сімнадцять',
    'вісімнадцять',
    'девʼятнадцять',
  ],
  tens: ['', '', 'двадцять', 'тридцять', 'сорок', 'пʼятдесят', 'шістдесят', 'сімдесят', 'вісімдесят', 'девʼяносто'],
  hundreds: ['', 'сто', 'двісті', 'триста', 'чотириста', 'пʼятсот', 'шістсот', 'сімсот', 'вісімсот', 'девʼятсот'],
  scales: [
    ['тисяча', 'тисячі', 'тисяч'],
    ['мільйон', 'мільйони', 'мільйонів'],
    ['мільярд', 'мільярди', 'мільярдів'],
    ['трильйон', 'трильйони', 'трильйонів'],
  ],
};

function slavicBelow1000(n: number, words: SlavicNumberWords): string[] {
  const out: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) out.push(words.hundreds[hundreds] ?? '');
  if (rest >= 10 && rest < 20) out.push(words.teens[rest - 10] ?? '');
  else {
    if (rest >= 20) out.push(words.tens[Math.floor(rest / 10)] ?? '');
    if (rest % 10 > 0) out.push(words.units[rest % 10] ?? '');
  }
  return out;
}

/** Which plural form a scale word takes after `n`: 1 тысяча, 2–4 тысячи, 5–20 тысяч. */
function slavicForm(n: number): 0 | 1 | 2 {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 2;
  if (last === 1) return 0;
  if (last >= 2 && last <= 4) return 1;
  return 2;
}

/** Spells the cardinal in words (nominative) and counts its vowel letters. */
function slavicInteger(digits: string, words: SlavicNumberWords): number {
  const n = Number(digits);
  if (n === 0) return cyrillicWordSyllables(words.units[0] ?? '', true);
  const spoken: string[] = [];
  groupsOf(digits, 3).forEach((group, scale) => {
    if (group === 0) return;
    const scaleWord = scale > 0 ? words.scales[scale - 1]?.[slavicForm(group)] : undefined;
    // "тысяча", not "одна тысяча".
    const number = group === 1 && scale === 1 ? [] : slavicBelow1000(group, words);
    spoken.unshift(...number, ...(scaleWord === undefined ? [] : [scaleWord]));
  });
  return spoken.reduce((sum, word) => sum + cyrillicWordSyllables(word, true), 0);
}

/** Splits digits into groups of `size` from the right, least significant first. */
function groupsOf(digits: string, size: number): number[] {
  const groups: number[] = [];
  for (let end = digits.length; end > 0; end -= size) groups.push(Number(digits.slice(Math.max(0, end - size), end)));
  return groups;
}

/** Digits said one by one: phone numbers, codes, "007", and numbers too long to name. */
function digitByDigit(digits: string, language: Language): number {
  return digits.split('').reduce((sum, digit) => sum + integerSyllables(digit, language), 0);
}

function integerSyllables(digits: string, language: Language): number {
  if (digits.length > 15 || (digits.length > 1 && digits.startsWith('0'))) return digitByDigit(digits, language);
  switch (language) {
    case 'en':
      return englishInteger(digits);
    case 'ko':
      return koreanInteger(digits);
    case 'uk':
      return slavicInteger(digits, UKRAINIAN_NUMBERS);
    case 'ru':
      return slavicInteger(digits, RUSSIAN_NUMBERS);
    default:
      return assertNever(language);
  }
}

/**
 * Syllables of a number written in digits, said the way the language says it.
 *
 * Approximate by design: "12,000" is "twelve thousand" (3) in English,
 * "만 이천" (3) in Korean, "двенадцать тысяч" (5) in Russian; four-digit years
 * are said in pairs in English ("nineteen ninety-one"); Russian and
 * Ukrainian use the nominative cardinal (cases change a syllable at most).
 * Decimals add the word for the mark and say the fraction: "point" and each
 * digit in English, "점" and each digit in Korean, "целых … десятых" (about
 * five syllables) around the fraction's number in Russian and Ukrainian.
 * Numbers with a leading zero or more than 15 digits are said digit by digit.
 */
export function numberSyllables(number: string, language: Language): number {
  const decimalMark = language === 'uk' || language === 'ru' ? /[,.](?=\d+$)/u : /\.(?=\d+$)/u;
  const [whole = '', fraction] = number.split(decimalMark);
  const integerPart = integerSyllables(whole.replace(/\D/gu, '') || '0', language);
  if (fraction === undefined) return integerPart;
  switch (language) {
    case 'en':
      return (
        integerPart +
        1 +
        fraction.split('').reduce((sum, digit) => sum + (digit === '0' ? 1 : englishInteger(digit)), 0)
      );
    case 'ko':
      return integerPart + 1 + fraction.length;
    case 'uk':
    case 'ru':
      return integerPart + 5 + integerSyllables(String(Number(fraction)), language);
    default:
      return assertNever(language);
  }
}

// ---------------------------------------------------------------------------
// Time

/**
 * The pauses a speaker makes inside a line, from its punctuation.
 *
 * Only punctuation between two spoken words counts: the pause after a line's
 * last word belongs to the gap before the next cue, and a leading "…" marks
 * a fragment, not a pause. Between two words, a sentence end (. ! ?) is
 * `SENTENCE_PAUSE_MS`; a comma, semicolon, colon, dash, bracket or ellipsis
 * is `CLAUSE_PAUSE_MS`. Several marks together make one pause, the longest.
 */
export function pauseMsOf(text: string, language: Language): number {
  const source = text.normalize('NFC').replace(/\.{3}/gu, '…');
  const tokens = tokenize(source, language);
  let pauses = 0;
  for (let index = 1; index < tokens.length; index += 1) {
    const before = tokens[index - 1];
    const after = tokens[index];
    if (before === undefined || after === undefined) continue;
    const gap = source.slice(before.end, after.start);
    if (/[.!?。！？]/u.test(gap)) pauses += SENTENCE_PAUSE_MS;
    else if (/[,;:…()[\]—–，、]|\s-\s/u.test(gap)) pauses += CLAUSE_PAUSE_MS;
  }
  return pauses;
}

/**
 * How long a line takes to say, in whole milliseconds.
 *
 * Syllables at the language's rate, plus the pauses inside the line (see
 * `pauseMsOf`). A line without syllables takes no time.
 */
export function estimateSpeakingMs(text: string, language: Language, settings: DubbingSettings): number {
  const syllables = countSyllables(text, language);
  if (syllables === 0) return 0;
  const rate = settings.rates[language];
  const perSecond = rate > 0 && Number.isFinite(rate) ? rate : DEFAULT_DUBBING.rates[language];
  return Math.round((syllables * 1000) / perSecond) + pauseMsOf(text, language);
}

/**
 * Whether a line fits its slot, allowing `tolerancePercent` of overrun.
 *
 * Exactly at the tolerance still fits (an actor can speed up that much);
 * the comparison is done in integers where possible so 3300 ms in a
 * 3000 ms slot at 10 % is not lost to floating point.
 */
export function fitOf(slotMs: number, speakingMs: number, tolerancePercent: number): Fit {
  const fits = speakingMs * 100 <= slotMs * (100 + tolerancePercent);
  const ratio = slotMs > 0 ? speakingMs / slotMs : speakingMs > 0 ? Number.POSITIVE_INFINITY : 0;
  return { fits, ratio, overMs: Math.max(0, speakingMs - slotMs) };
}

/**
 * A transcript cell's syllables, speaking time and fit, for the grid's flag.
 *
 * Undefined for an excluded row, a row without both times, or an empty cell:
 * none of those is dubbed.
 */
export function segmentFit(segment: Segment, language: Language, settings: DubbingSettings): SegmentFit | undefined {
  if (segment.excluded === true || segment.start === undefined || segment.end === undefined) return undefined;
  const text = segment.texts[language];
  if (text.trim() === '') return undefined;
  const slotMs = Math.max(0, segment.end - segment.start);
  const speakingMs = estimateSpeakingMs(text, language, settings);
  return {
    syllables: countSyllables(text, language),
    speakingMs,
    slotMs,
    fit: fitOf(slotMs, speakingMs, settings.tolerancePercent),
  };
}

// ---------------------------------------------------------------------------
// Timecodes

export interface TimecodeOptions {
  /**
   * Drop-frame for 29.97 and 59.94 fps (the default for those rates);
   * ignored at every other rate, where drop-frame does not exist.
   */
  readonly dropFrame?: boolean | undefined;
}

/** 29.97 and 59.94 (30000/1001, 60000/1001) are the only rates with a drop-frame timecode. */
function dropFramesPerMinute(frameRate: number): number {
  const nominal = Math.round(frameRate);
  const isNtsc = Math.abs(frameRate - (nominal * 1000) / 1001) < 0.005;
  if (!isNtsc) return 0;
  if (nominal === 30) return 2;
  if (nominal === 60) return 4;
  return 0;
}

/**
 * A SMPTE timecode `HH:MM:SS:FF` at the project's frame rate, for the dubbing studio.
 *
 * The frame is the one the time falls in, counted at the real rate: times
 * are stored rounded to whole milliseconds (see `snapToFrame`), so half a
 * millisecond is added first, or frame 98 at 24 fps (4083.33 ms, stored as
 * 4083) would read as frame 97. Frames are then labelled the way the
 * video's own timecode track labels them:
 *
 * - whole rates (24, 25, 30, 50, 60): exact, and equal to the clock time;
 * - 29.97 and 59.94: drop-frame `HH:MM:SS;FF` (frame labels 0 and 1, or 0–3
 *   at 59.94, skipped each minute except every tenth), which stays within a
 *   frame of the clock time, as broadcast timecode does; pass
 *   `dropFrame: false` for non-drop-frame;
 * - 23.976 and other fractional rates: non-drop-frame at the nominal rate
 *   (24), as editing systems show it, so it runs 0.1 % behind the clock
 *   (3.6 s an hour; the SRT-style column keeps clock time).
 */
export function formatTimecode(ms: number, frameRate: number, options: TimecodeOptions = {}): string {
  if (!(frameRate > 0) || !Number.isFinite(frameRate))
    throw new RangeError(`Frame rate must be positive: ${frameRate}`);
  const nominal = Math.max(1, Math.round(frameRate));
  let frame = Math.floor(((Math.max(0, ms) + 0.5) * frameRate) / 1000);
  const drop = options.dropFrame === false ? 0 : dropFramesPerMinute(frameRate);
  if (drop > 0) {
    const perTenMinutes = nominal * 600 - drop * 9;
    const perMinute = nominal * 60 - drop;
    const tens = Math.floor(frame / perTenMinutes);
    const rest = frame % perTenMinutes;
    frame += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const frames = frame % nominal;
  const totalSeconds = Math.floor(frame / nominal);
  const two = (value: number): string => String(value).padStart(2, '0');
  const clock = `${two(Math.floor(totalSeconds / 3600))}:${two(Math.floor((totalSeconds % 3600) / 60))}:${two(totalSeconds % 60)}`;
  return `${clock}${drop > 0 ? ';' : ':'}${two(frames)}`;
}
