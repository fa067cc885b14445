import { assertNever, isLanguage, type Language } from '../languages';

/**
 * The part of the WHATWG `TextDecoder` this module uses.
 *
 * `TextDecoder` exists in Node and Chromium but is declared only by the DOM
 * and Node type libraries, which the pure core does not load; this
 * module-local declaration keeps `src/` free of both.
 */
interface TextDecoderInstance {
  readonly encoding: string;
  decode(input?: Uint8Array, options?: { readonly stream?: boolean }): string;
}

declare const TextDecoder: new (
  label?: string,
  options?: { readonly fatal?: boolean; readonly ignoreBOM?: boolean },
) => TextDecoderInstance;

/**
 * Decodes all of `bytes` with a fresh decoder, through its streaming path.
 *
 * Node 20's one-shot `decode` of windows-1252 drops or misreads bytes
 * 0x80–0x9F ("’" comes back as nothing); the streaming path is correct in
 * Node and Chromium alike, and the final empty call flushes (or, when fatal,
 * refuses) an incomplete sequence at the end.
 */
function decodeAll(decoder: TextDecoderInstance, bytes: Uint8Array): string {
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/** Why bytes could not be turned into text. */
export type DecodeProblem = 'binary' | 'invalid-text' | 'unknown-encoding' | 'bad-argument';

/** Bytes that are not text, or a request that cannot be honoured; the message is worded for the translator. */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly problem: DecodeProblem,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

export interface DecodeOptions {
  /** The language the text is expected to be in; it decides which legacy encodings are tried first. */
  readonly language?: Language | undefined;
  /** A WHATWG encoding label ("windows-1251", "cp1251", "euc-kr"…) that overrides detection. */
  readonly encoding?: string | undefined;
}

export interface DecodedText {
  readonly text: string;
  /** The WHATWG name of the encoding used ("utf-8", "utf-16le", "windows-1251", "koi8-u", "euc-kr"…). */
  readonly encoding: string;
}

/**
 * Legacy encodings by language, most likely first (ties go to the earlier one).
 *
 * WHATWG's `euc-kr` is Windows code page 949 (Unified Hangul Code), a
 * superset of EUC-KR, so it reads both. English files that are not UTF-8
 * are nearly always Windows-1252.
 */
const LEGACY_ENCODINGS: Readonly<Record<Language, ReadonlyArray<string>>> = {
  en: ['windows-1252'],
  ko: ['euc-kr'],
  ru: ['windows-1251', 'koi8-r', 'koi8-u'],
  uk: ['windows-1251', 'koi8-u', 'koi8-r'],
};

/** Windows-1252 first, so that text with only quotes and dashes outside ASCII (identical in 1251) is reported as 1252. */
const ALL_LEGACY_ENCODINGS: ReadonlyArray<string> = ['windows-1252', 'windows-1251', 'koi8-r', 'koi8-u', 'euc-kr'];

/** Spellings people type that WHATWG does not list. */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  ms949: 'euc-kr',
  koi8u: 'koi8-u',
  koi8r: 'koi8-r',
};

/**
 * How clearly the expected language's encodings must fail before others are taken.
 *
 * A short line of rare letters can score a little below zero in the right
 * encoding; a whole file in the wrong one scores far below.
 */
const FALLBACK_MARGIN = 10;

/** Detection reads at most this many bytes (thousands of cues); more text would not change the choice. */
const SCORED_BYTES = 256 * 1024;

/** Letter frequencies in per cent (case-folded), from common frequency tables of running text. */
const RUSSIAN_FREQUENCIES: Readonly<Record<string, number>> = {
  о: 10.97,
  е: 8.45,
  а: 8.01,
  и: 7.35,
  н: 6.7,
  т: 6.26,
  с: 5.47,
  р: 4.73,
  в: 4.54,
  л: 4.4,
  к: 3.49,
  м: 3.21,
  д: 2.98,
  п: 2.81,
  у: 2.62,
  я: 2.01,
  ы: 1.9,
  ь: 1.74,
  г: 1.7,
  з: 1.65,
  б: 1.59,
  ч: 1.44,
  й: 1.21,
  х: 0.97,
  ж: 0.94,
  ш: 0.73,
  ю: 0.64,
  ц: 0.48,
  щ: 0.36,
  э: 0.32,
  ф: 0.26,
  ъ: 0.04,
  ё: 0.04,
};

const UKRAINIAN_FREQUENCIES: Readonly<Record<string, number>> = {
  о: 9.4,
  а: 8.2,
  н: 6.5,
  и: 6.2,
  і: 5.8,
  т: 5.2,
  в: 5.0,
  е: 4.8,
  р: 4.7,
  с: 4.2,
  к: 3.9,
  л: 3.6,
  у: 3.5,
  д: 3.3,
  м: 3.1,
  п: 2.9,
  я: 2.2,
  з: 2.2,
  ь: 1.7,
  г: 1.6,
  б: 1.6,
  ч: 1.4,
  х: 1.1,
  й: 1.1,
  ж: 0.9,
  ї: 0.8,
  ц: 0.8,
  ш: 0.8,
  ю: 0.8,
  є: 0.4,
  щ: 0.4,
  ф: 0.3,
  ґ: 0.02,
};

/** Share given to a Cyrillic letter the language does not use (Serbian "ђ" for Russian, "ы" for Ukrainian). */
const UNUSED_LETTER_SHARE = 0.0002;

const UNUSED_LETTER_SCORE = Math.log(UNUSED_LETTER_SHARE * 33);

/**
 * Per-letter scores for the Cyrillic block (U+0400–U+04FF), both cases alike.
 *
 * A letter scores the log of its share over an even share of 33 letters:
 * positive for frequent letters, below zero for rare and foreign ones.
 * Indexed by code point, so scoring a megabyte allocates nothing.
 */
type LetterModel = Float64Array;

function letterModel(frequencies: Readonly<Record<string, number>>): LetterModel {
  const scores = new Float64Array(0x100).fill(UNUSED_LETTER_SCORE);
  for (const [letter, percent] of Object.entries(frequencies)) {
    const score = Math.log((percent / 100) * 33);
    scores[letter.charCodeAt(0) - 0x400] = score;
    scores[letter.toUpperCase().charCodeAt(0) - 0x400] = score;
  }
  return scores;
}

/**
 * Whether a Cyrillic code point is a capital.
 *
 * Exact for everything the legacy code pages produce (U+0400–U+045F and
 * Ґ/ґ); the rest of the block alternates capital/small by parity.
 */
function isCapitalCyrillic(code: number): boolean {
  return code < 0x0430 || (code >= 0x0460 && code % 2 === 0);
}

const RUSSIAN_MODEL = letterModel(RUSSIAN_FREQUENCIES);
const UKRAINIAN_MODEL = letterModel(UKRAINIAN_FREQUENCIES);

/**
 * Frequent Hangul syllables of modern Korean.
 *
 * Korean decoded with the right code page is mostly these; Cyrillic bytes
 * decoded as code page 949 give Hanja and rare syllables instead.
 */
const COMMON_HANGUL = new Set(
  Array.from(
    '이다는의에하고을가서지로기한수리사도니습를어게요대인나해자것들있으시우과만적아세정라주전일부장여러분제민족같피왔오내보상무' +
      '그구소스면비년회때거마생동원국계화성치중히신개경문모드연람실위행할말미터까데했된되후저간물발법공선관학속운양방체결명안없함' +
      '통당현음트날외입점와야뿐께죠네걸좀잘많알싶왜뭐너우리우린저희형택않선뿐남쪽행복게호받두려워내일군병사포로돌아가족러시아' +
      '북한크라이나쿠르스크전쟁평화살아요는데요어요니까면서지만은데도록려고며으로부터까지처럼보다에게한테께서을를이가의와과랑',
  ).map((syllable) => syllable.charCodeAt(0)),
);

/** Punctuation that legacy Cyrillic and Western text uses; neither rewarded nor penalised. */
const NEUTRAL_SYMBOLS = new Set(Array.from('\u00A0«»“”„‘’‚—–…№°•·\u00AD', (character) => character.charCodeAt(0)));

function isBoxOrMathSymbol(code: number): boolean {
  return (code >= 0x2190 && code <= 0x23ff) || (code >= 0x2500 && code <= 0x25ff) || code === 0x00f7;
}

/**
 * How much a decoded text looks like real text in the expected languages.
 *
 * ASCII scores nothing: every candidate encoding decodes it alike. A Hangul
 * syllable (two bytes) scores +3 when frequent and +1 otherwise; a Cyrillic
 * letter (one byte) scores its log frequency ratio in the best-fitting
 * language model, which is positive for running text and negative for the
 * letter salad a wrong Cyrillic code page produces; a capital right after a
 * small letter (what KOI8 read as Windows-1251 looks like) costs 2. Hanja
 * cost 0.5, other symbols 1, control characters and U+FFFD (bytes invalid
 * in the encoding) 5, and box drawing and math symbols 8: KOI8 puts them
 * where the other code pages have letters, so one of them must outweigh a
 * letter the language model has not seen (-5). An accented Latin letter
 * right after another costs 1: that is Cyrillic read as Windows-1252.
 */
function plausibility(text: string, models: ReadonlyArray<LetterModel>): number {
  let other = 0;
  const letters = models.map(() => 0);
  let previousWasSmallCyrillic = false;
  let previousWasAccentedLatin = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let smallCyrillic = false;
    let accentedLatin = false;
    if (code < 0x80) {
      if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) other -= 5;
    } else if (code >= 0x0400 && code <= 0x04ff) {
      smallCyrillic = !isCapitalCyrillic(code);
      if (!smallCyrillic && previousWasSmallCyrillic) other -= 2;
      for (let model = 0; model < models.length; model++) {
        letters[model] = (letters[model] ?? 0) + (models[model]?.[code - 0x400] ?? UNUSED_LETTER_SCORE);
      }
    } else if (code >= 0xac00 && code <= 0xd7a3) {
      other += COMMON_HANGUL.has(code) ? 3 : 1;
    } else if (code === 0xfffd || code <= 0x9f) {
      other -= 5;
    } else if (NEUTRAL_SYMBOLS.has(code) || (code >= 0x3131 && code <= 0x318e)) {
      // Neutral punctuation and Hangul compatibility jamo ("ㅋㅋ").
    } else if (code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7) {
      // Accented Latin letters: fine one at a time ("café"); runs of them are Cyrillic read as Windows-1252.
      if (previousWasAccentedLatin) other -= 1;
      accentedLatin = true;
    } else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) {
      other -= 0.5;
    } else if (isBoxOrMathSymbol(code)) {
      other -= 8;
    } else {
      other -= 1;
    }
    previousWasSmallCyrillic = smallCyrillic;
    previousWasAccentedLatin = accentedLatin;
  }
  return other + (letters.length === 0 ? 0 : Math.max(...letters));
}

function modelsFor(language: Language | undefined): ReadonlyArray<LetterModel> {
  switch (language) {
    case 'ru':
      return [RUSSIAN_MODEL];
    case 'uk':
      return [UKRAINIAN_MODEL];
    case 'en':
    case 'ko':
    case undefined:
      // Cyrillic in a file expected to be English or Korean may be either language.
      return [RUSSIAN_MODEL, UKRAINIAN_MODEL];
    default:
      return assertNever(language, 'Unknown language');
  }
}

function refuseNul(text: string): void {
  if (text.includes('\0')) throw new DecodeError('binary data, not text (it contains NUL bytes)', 'binary');
}

function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): DecodedText {
  const decoder = new TextDecoder(label, { fatal });
  const text = decodeAll(decoder, bytes);
  refuseNul(text);
  return { text, encoding: decoder.encoding };
}

/**
 * Decodes UTF-32 after its byte order mark.
 *
 * The Encoding Standard (and so `TextDecoder`) has no UTF-32, but some
 * Windows tools save subtitles in it; its mark is unambiguous.
 */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): DecodedText {
  const encoding = littleEndian ? 'utf-32le' : 'utf-32be';
  if (bytes.length % 4 !== 0) {
    throw new DecodeError(
      `starts with a ${encoding.toUpperCase()} byte order mark but is not whole characters`,
      'invalid-text',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let offset = 4; offset < bytes.length; offset += 4) {
    const point = view.getUint32(offset, littleEndian);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      throw new DecodeError(
        `not valid ${encoding.toUpperCase()}: U+${point.toString(16).toUpperCase()} at byte ${offset} is no character`,
        'invalid-text',
      );
    }
    parts.push(String.fromCodePoint(point));
  }
  const text = parts.join('');
  refuseNul(text);
  return { text, encoding };
}

function startsWith(bytes: Uint8Array, prefix: ReadonlyArray<number>): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Recognises UTF-16 without a byte order mark by where its zero bytes fall.
 *
 * Text in UTF-16 has a zero high byte for every ASCII character, so zeros
 * pile up at odd offsets (little-endian) or even ones (big-endian); binary
 * data scatters them. The guess is kept only if the bytes decode cleanly.
 */
function guessUtf16(bytes: Uint8Array): DecodedText | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let zerosAtEven = 0;
  let zerosAtOdd = 0;
  for (let index = 0; index < bytes.length; index += 2) {
    if (bytes[index] === 0) zerosAtEven++;
    if (bytes[index + 1] === 0) zerosAtOdd++;
  }
  const units = bytes.length / 2;
  const label =
    zerosAtOdd >= units * 0.1 && zerosAtEven * 20 <= zerosAtOdd
      ? 'utf-16le'
      : zerosAtEven >= units * 0.1 && zerosAtOdd * 20 <= zerosAtEven
        ? 'utf-16be'
        : undefined;
  if (label === undefined) return undefined;
  try {
    const text = decodeAll(new TextDecoder(label, { fatal: true }), bytes);
    let controls = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0) return undefined;
      if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) controls++;
    }
    return controls * 20 > text.length ? undefined : { text, encoding: label };
  } catch {
    return undefined;
  }
}

function decodeOverride(bytes: Uint8Array, label: string): DecodedText {
  const name = label.trim().toLowerCase();
  let decoder: TextDecoderInstance;
  try {
    decoder = new TextDecoder(LABEL_ALIASES[name] ?? name);
  } catch {
    throw new DecodeError(`unknown text encoding "${label.slice(0, 40)}"`, 'unknown-encoding');
  }
  if (decoder.encoding === 'replacement') {
    throw new DecodeError(`the text encoding "${label.slice(0, 40)}" cannot be read safely`, 'unknown-encoding');
  }
  const text = decodeAll(decoder, bytes);
  refuseNul(text);
  return { text, encoding: decoder.encoding };
}

/**
 * Picks the legacy encoding under which the bytes read most like text.
 *
 * The expected language's encodings are preferred; the others are taken
 * only when they read clearly better and the preferred ones read badly,
 * which catches a Korean file opened as Russian.
 */
function decodeLegacy(bytes: Uint8Array, language: Language | undefined): DecodedText {
  if (bytes.includes(0)) throw new DecodeError('binary data, not text (it contains NUL bytes)', 'binary');
  const preferred = language === undefined ? ALL_LEGACY_ENCODINGS : LEGACY_ENCODINGS[language];
  const others = ALL_LEGACY_ENCODINGS.filter((label) => !preferred.includes(label));
  const sample = bytes.subarray(0, SCORED_BYTES);
  const models = modelsFor(language);
  const score = (label: string): number =>
    plausibility(new TextDecoder(label).decode(sample, { stream: true }), models);
  const best = (labels: ReadonlyArray<string>): { label: string; score: number } | undefined =>
    labels.reduce<{ label: string; score: number } | undefined>((winner, label) => {
      const value = score(label);
      return winner === undefined || value > winner.score ? { label, score: value } : winner;
    }, undefined);
  const first = best(preferred);
  const second = first !== undefined && first.score < -FALLBACK_MARGIN ? best(others) : undefined;
  const chosen =
    second !== undefined && first !== undefined && second.score > first.score + FALLBACK_MARGIN ? second : first;
  return decodeWith(chosen?.label ?? 'windows-1252', bytes, false);
}

/**
 * Turns the bytes of a text file into text, detecting its encoding.
 *
 * A byte order mark decides (UTF-8, UTF-16 LE/BE); then strict UTF-8, which
 * random legacy bytes practically never pass; then UTF-16 without a mark;
 * then the legacy encodings of the expected language (Korean: `euc-kr`,
 * i.e. CP949; Russian and Ukrainian: `windows-1251`, `koi8-r`, `koi8-u`;
 * none given: all of them), scored by how much the result looks like text
 * (see `plausibility`). `options.encoding` skips detection.
 *
 * Throws `DecodeError`, and nothing else, for binary data (NUL characters in
 * the decoded text), an unknown encoding label, UTF-8 after a UTF-8 mark
 * that is broken, and arguments of the wrong type.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (!(bytes instanceof Uint8Array)) throw new DecodeError('expected the bytes of a file', 'bad-argument');
  const language: unknown = options?.language;
  const encoding: unknown = options?.encoding;
  if (language !== undefined && !isLanguage(language)) {
    const shown = typeof language === 'string' ? `"${language.slice(0, 40)}"` : `of type ${typeof language}`;
    throw new DecodeError(`unknown language ${shown}`, 'bad-argument');
  }
  if (encoding !== undefined && typeof encoding !== 'string') {
    throw new DecodeError('the encoding must be given as a label such as "windows-1251"', 'bad-argument');
  }
  if (encoding !== undefined) return decodeOverride(bytes, encoding);

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    try {
      return decodeWith('utf-8', bytes, true);
    } catch (error) {
      if (error instanceof DecodeError) throw error;
      throw new DecodeError('starts with a UTF-8 byte order mark but is not valid UTF-8', 'invalid-text');
    }
  }
  // UTF-32 LE's mark starts with UTF-16 LE's, so it is checked first.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return decodeUtf32(bytes, true);
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return decodeUtf32(bytes, false);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeWith('utf-16le', bytes, false);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeWith('utf-16be', bytes, false);

  let utf8: string | undefined;
  try {
    utf8 = decodeAll(new TextDecoder('utf-8', { fatal: true }), bytes);
  } catch {
    utf8 = undefined;
  }
  if (utf8 !== undefined && !utf8.includes('\0')) return { text: utf8, encoding: 'utf-8' };
  const utf16 = guessUtf16(bytes);
  if (utf16 !== undefined) return utf16;
  if (utf8 !== undefined) refuseNul(utf8);
  return decodeLegacy(bytes, language);
}
