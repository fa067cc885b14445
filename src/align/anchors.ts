import type { Language } from '../languages';
import { calendarAnchors } from './calendar';
import { digitValues, numberWordValue } from './numbers';
import {
  joinSkeletons,
  scriptOf,
  skeletonCode,
  skeletonCodes,
  skeletonLength,
  skeletonPrefix,
  stripKoreanParticles,
} from './transliterate';
import type { Script } from './transliterate';
import { labelProfile, scriptOfLanguage } from './profile';
import type { SideProfile } from './profile';

/**
 * What a sentence carries across languages without a dictionary.
 *
 * An anchor is a key that a sentence and its translation tend to share: a
 * number's value, a month, a Latin-script name or acronym copied verbatim, a
 * handle or URL, the consonant skeleton of a proper name, the punctuation
 * that closes a clause. Each anchor has a `weight` (nats of evidence when the
 * other side of a bead has it too) and a `penalty` (nats against a bead whose
 * other side lacks it). Penalties are what let the aligner prefer "this
 * sentence has no counterpart" over "it belongs to its neighbour's bead": a
 * number found on one side of a bead and not on the other argues against the
 * bead, while an unlinked sentence argues against nothing.
 *
 * Keys are written as short strings ("N:12000", "T3:SLN", "U:@kyivpost") and
 * stored as their 32-bit FNV-1a hash (`anchorKey`); the analysis hashes them
 * as it goes, without building the strings, because it runs on every sentence.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a hash over `text[start, end)`. */
function hashMore(hash: number, text: string, start: number, end: number): number {
  let state = hash;
  for (let i = start; i < end; i++) {
    state ^= text.charCodeAt(i);
    state = Math.imul(state, FNV_PRIME);
  }
  return state | 0;
}

/** Continues an FNV-1a hash over the four bytes of an integer (a packed skeleton). */
function hashInteger(hash: number, value: number): number {
  let state = hash;
  for (let shift = 0; shift < 32; shift += 8) {
    state ^= (value >>> shift) & 0xff;
    state = Math.imul(state, FNV_PRIME);
  }
  return state | 0;
}

/** The integer key of an anchor string; a collision only adds a spurious match. */
export function anchorKey(text: string): number {
  return hashMore(FNV_OFFSET, text, 0, text.length);
}

/** Lower case of a Latin or Cyrillic code unit, without building a string. */
function lowerCode(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code >= 0x410 && code <= 0x42f) return code + 0x20;
  if (code >= 0x400 && code <= 0x40f) return code + 0x50;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 0x20;
  if (code === 0x490) return 0x491;
  return code;
}

/** Continues an FNV-1a hash over the lower-cased `text[start, end)` (see `lowerCode`). */
function hashLower(hash: number, text: string, start: number, end: number): number {
  let state = hash;
  for (let i = start; i < end; i++) {
    state ^= lowerCode(text.charCodeAt(i));
    state = Math.imul(state, FNV_PRIME);
  }
  return state | 0;
}

/**
 * The anchor key of the first `size` (3 or 4) classes of a packed skeleton (see `skeletonCode`).
 *
 * Equals `anchorKey` of nothing readable: skeleton keys are hashed from the
 * packed integer, so tests compare them through this function.
 */
export function skeletonAnchorKey(code: number, size: 3 | 4): number {
  return hashInteger(size === 3 ? SKELETON3_PREFIX : SKELETON4_PREFIX, skeletonPrefix(code, size));
}

const prefixHash = (prefix: string): number => hashMore(FNV_OFFSET, prefix, 0, prefix.length);
const LATIN_PREFIX = prefixHash('L:');
const SKELETON3_PREFIX = prefixHash('T3:');
const SKELETON4_PREFIX = prefixHash('T4:');
const ACRONYM_PREFIX = prefixHash('A:');
const STEM_PREFIX = prefixHash('W:');

/** Punctuation counted per sentence, compared as counts over a whole bead. */
export const PUNCTUATION_CLASSES = 5;

/** Punctuation counts: question marks, exclamation marks, quotation marks, opening brackets, ellipses. */
export type PunctuationCounts = readonly [number, number, number, number, number];

/**
 * Kinds of anchor, for the aligner to learn how often each reappears in a translation (see `align.ts`).
 *
 * Latin words come in three kinds: names (capitalised or in capitals), other
 * words, and either in a text not written in Latin letters (copied names and brands).
 */
export const ANCHOR_KINDS = {
  number: 0,
  smallNumber: 1,
  calendar: 2,
  link: 3,
  skeleton: 4,
  acronym: 5,
  nameSkeleton: 6,
  nameAcronym: 7,
  sameScriptName: 8,
  terminal: 9,
  unterminated: 10,
  headline: 11,
  latinName: 12,
  latinWord: 13,
  foreignLatin: 14,
  dictionary: 15,
} as const;
export const ANCHOR_KIND_COUNT = 16;

/** Receives a sentence's anchors and dictionary stems as the analysis finds them. */
export interface AnchorSink {
  /** An anchor key (see `anchorKey`) with its weight, penalty and kind (`ANCHOR_KINDS`); a key may come more than once. */
  anchor(key: number, weight: number, penalty: number, kind: number): void;
  /** The hash of a word stem for the learned dictionary (see `dictionary.ts`); may repeat. */
  stem(hash: number): void;
}

/** What the analysis of one sentence returns besides its anchors. */
export interface SegmentFacts {
  /** Characters (code points) after collapsing white space: the Gale–Church length. */
  readonly length: number;
  readonly punctuation: PunctuationCounts;
  /** Share of the sentence's letters and symbols that belong to its language's script (see `nativeShare`). */
  readonly nativeShare: number;
}

/**
 * Evidence weights, in nats.
 *
 * Chosen by hand on the Kursk sample (a number shared by a sentence pair is far
 * stronger evidence than a shared three-consonant skeleton, which two unrelated
 * Korean and Russian words share by chance about once in a few hundred pairs),
 * and kept below the bead priors' gaps so that no single weak anchor can force
 * a merge.
 */
const K = ANCHOR_KINDS;
const WEIGHTS = {
  number: { weight: 4, penalty: 1, kind: K.number },
  smallNumber: { weight: 1.2, penalty: 0.3, kind: K.smallNumber },
  calendar: { weight: 3, penalty: 0.8, kind: K.calendar },
  link: { weight: 4, penalty: 1.5, kind: K.link },
  skeleton3: { weight: 1, penalty: 0, kind: K.skeleton },
  skeleton4: { weight: 0.8, penalty: 0, kind: K.skeleton },
  acronym: { weight: 1, penalty: 0, kind: K.acronym },
  // A capitalised name usually survives translation, but its skeleton may not match
  // (different conventions, a translated name), so its absence is weak evidence.
  nameSkeleton3: { weight: 1, penalty: 0.25, kind: K.nameSkeleton },
  nameSkeleton4: { weight: 0.8, penalty: 0, kind: K.nameSkeleton },
  nameAcronym: { weight: 1, penalty: 0.3, kind: K.nameAcronym },
  sameScriptName: { weight: 2, penalty: 0, kind: K.sameScriptName },
  terminal: { weight: 1, penalty: 0.3, kind: K.terminal },
  unterminated: { weight: 1, penalty: 0.5, kind: K.unterminated },
  headline: { weight: 1, penalty: 1, kind: K.headline },
} as const;

const LINK = /(?:https?:\/\/|www\.)[^\s<>"«»“”]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}.]+|[@#][\p{L}\p{N}_]+/gu;
/** Cheap test before the link pattern, which is slow on long words. */
const LINK_HINT = /[@#]|:\/\/|www\./u;

const codes = (characters: string): Set<number> => new Set(Array.from(characters, (ch) => ch.codePointAt(0) ?? 0));
const QUOTES = codes('“”„‟«»"‘’‚‛「」『』‹›\'');
const BRACKETS = codes('([{（［');
/** What may follow a sentence's last punctuation mark: closing quotes and brackets, spaces. */
const CLOSERS = codes(' \t\n\r\u00a0"\'“”„«»‘’‚)]}）」』›');
/** Punctuation every language here uses: it says nothing about the script. */
const COMMON_PUNCTUATION = codes('“”„‟«»‘’‚‛「」『』‹›–—―‐‑…·•№°%‰€£¥₩₴₽§©®™\u00a0\u202f\u3000、。，！？：；（）［］');
/** Latin-1 letters that open UTF-8 mojibake of Cyrillic and Korean ("Ð", "Ñ", "ì", "í", "ë", "ê", "Ã"). */
const MOJIBAKE_LEADS = codes('ÐÑìíëêÃÂ');

/** The sets above as bit flags by UTF-16 code unit, for `scanText`, which looks up every character. */
const QUOTE_FLAG = 1;
const BRACKET_FLAG = 2;
const COMMON_FLAG = 4;
const MOJIBAKE_FLAG = 8;
const CHARACTER_FLAGS = new Uint8Array(0x10000);
for (const [set, flag] of [
  [QUOTES, QUOTE_FLAG],
  [BRACKETS, BRACKET_FLAG],
  [COMMON_PUNCTUATION, COMMON_FLAG],
  [MOJIBAKE_LEADS, MOJIBAKE_FLAG],
] as const) {
  for (const code of set) if (code < 0x10000) CHARACTER_FLAGS[code] = (CHARACTER_FLAGS[code] ?? 0) | flag;
}

const nativeScript = scriptOfLanguage;

/**
 * Whether a code unit at or above U+0080, outside Latin, Cyrillic and Hangul and the common punctuation, is a letter
 * of a text in some other script (Japanese, Chinese, Greek…): not C1 controls, box drawing, replacement marks, or the
 * Latin-1 letters that open mojibake.
 */
function isOtherScriptCode(code: number): boolean {
  if (code < 0xa0) return false;
  if (code >= 0x2500 && code <= 0x25ff) return false;
  if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff)) return false;
  return !(code >= 0xc0 && code <= 0x24f);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x202f || code === 0x3000;
}

/** Length in code points with runs of white space counted once and the ends trimmed. */
export function segmentLength(text: string): number {
  let length = 0;
  let inSpace = true;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (isSpace(code)) {
      if (!inSpace) pendingSpace = true;
      inSpace = true;
      continue;
    }
    if (pendingSpace) length++;
    pendingSpace = false;
    inSpace = false;
    length++;
  }
  return length;
}

/** Whether a UTF-16 code unit belongs to a word: letters, combining marks and digits of the scripts met here. */
function isWordCode(code: number): boolean {
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code >= 0xac00 && code <= 0xd7a3) return true;
  if (code >= 0x400 && code <= 0x52f) return true;
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if (code === 0xaa || code === 0xb5 || code === 0xba) return true;
  if (code < 0xc0) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  return /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(code));
}

/**
 * The words of a text, links removed, in order: runs of letters, marks and
 * digits, with an apostrophe inside a word kept ("didn’t", "м’ясо").
 *
 * A hand-written scanner rather than a regular expression: it runs on every
 * sentence, and match objects were a good part of the aligner's garbage.
 */
export function wordsOf(text: string): string[] {
  const plain = LINK_HINT.test(text) ? text.replace(LINK, ' ') : text;
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= plain.length; i++) {
    const code = i < plain.length ? plain.charCodeAt(i) : 0x20;
    if (isWordCode(code)) {
      if (start < 0) start = i;
      continue;
    }
    if (
      start >= 0 &&
      (code === 0x27 || code === 0x2019) &&
      i + 1 < plain.length &&
      isLetterCode(plain.charCodeAt(i + 1))
    ) {
      continue;
    }
    if (start >= 0) words.push(plain.slice(start, i));
    start = -1;
  }
  return words;
}

function isLetterCode(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x400 && code <= 0x52f) ||
    (code >= 0xac00 && code <= 0xd7a3)
  );
}

/**
 * How much of a sentence is written in its language's own script, from 0 to 1.
 *
 * Letters of the language's script count fully; Latin letters in a Cyrillic
 * or Korean sentence (names, brands) count half, as foreign; any other letter
 * or symbol counts as foreign (box drawing, "Ã", "Ð¡" and "ì¤" of mojibake,
 * control characters). Digits, spaces and ordinary punctuation do not count.
 * A sentence with nothing countable is taken as plausible (1). The aligner
 * is reluctant to link a sentence scoring low: it is noise or garbled.
 */
export function nativeShare(text: string, language: Language): number {
  const script = nativeScript(language);
  let native = 0;
  let foreign = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
        if (script === 'latin') native++;
        else foreign += 0.5;
      }
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (isSpace(code) || COMMON_PUNCTUATION.has(code)) continue;
    const isNative =
      script === 'cyrillic'
        ? code >= 0x400 && code <= 0x52f
        : script === 'hangul'
          ? (code >= 0xac00 && code <= 0xd7a3) ||
            (code >= 0x1100 && code <= 0x11ff) ||
            (code >= 0x3130 && code <= 0x318f)
          : code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7 && !MOJIBAKE_LEADS.has(code);
    if (isNative) native++;
    else foreign++;
  }
  return native + foreign === 0 ? 1 : native / (native + foreign);
}

/**
 * Length, punctuation and script share of a sentence in one pass over its characters.
 *
 * Equal to `segmentLength` and `nativeShare` (which say what they count) and
 * the punctuation counts (`PunctuationCounts`); one scan instead of three because every sentence goes through it.
 */
function scanText(text: string, script: Script): SegmentFacts {
  let length = 0;
  let inSpace = true;
  let pendingSpace = false;
  let native = 0;
  let foreign = 0;
  let question = 0;
  let exclamation = 0;
  let quote = 0;
  let bracket = 0;
  let ellipsis = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (isSpace(code)) {
      if (!inSpace) pendingSpace = true;
      inSpace = true;
      dots = 0;
      continue;
    }
    if (pendingSpace) length++;
    pendingSpace = false;
    inSpace = false;
    length++;
    const asciiLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (asciiLetter || (code >= 0x30 && code <= 0x39)) {
      dots = 0;
      if (asciiLetter) {
        if (script === 'latin') native++;
        else foreign += 0.5;
      }
      continue;
    }
    if (code >= 0xac00 && code <= 0xd7a3) {
      dots = 0;
      if (script === 'hangul') native++;
      else foreign++;
      continue;
    }
    if (code >= 0x400 && code <= 0x52f) {
      dots = 0;
      if (script === 'cyrillic') native++;
      else foreign++;
      continue;
    }
    dots = code === 0x2e ? dots + 1 : 0;
    if (dots === 3) ellipsis++;
    if (code === 0x3f || code === 0xff1f) question++;
    else if (code === 0x21 || code === 0xff01) exclamation++;
    else if (code === 0x2026) ellipsis++;
    else if (((CHARACTER_FLAGS[code] ?? 0) & BRACKET_FLAG) !== 0) bracket++;
    else if (((CHARACTER_FLAGS[code] ?? 0) & QUOTE_FLAG) !== 0) {
      const inWord = isLetterCode(text.charCodeAt(i - 1)) && isLetterCode(text.charCodeAt(i + 1));
      if (!((code === 0x2019 || code === 0x27) && inWord)) quote++;
    }
    if (code < 0x80 || ((CHARACTER_FLAGS[code] ?? 0) & COMMON_FLAG) !== 0) continue;
    const isNative =
      script === 'hangul'
        ? (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)
        : script === 'other'
          ? isOtherScriptCode(code)
          : script === 'latin' &&
            ((code >= 0xc0 &&
              code <= 0x24f &&
              code !== 0xd7 &&
              code !== 0xf7 &&
              ((CHARACTER_FLAGS[code] ?? 0) & MOJIBAKE_FLAG) === 0) ||
              // Vietnamese letters (Latin Extended Additional) and combining accents.
              (code >= 0x1e00 && code <= 0x1eff) ||
              (code >= 0x300 && code <= 0x36f));
    if (isNative) native++;
    else foreign++;
  }
  return {
    length,
    punctuation: [question, exclamation, quote, bracket, ellipsis],
    nativeShare: native + foreign === 0 ? 1 : native / (native + foreign),
  };
}

/** The clause-ending mark a sentence ends with, behind closing quotes and brackets, when it says something. */
function terminalAnchor(text: string): string | undefined {
  let end = text.length - 1;
  while (end >= 0 && CLOSERS.has(text.charCodeAt(end))) end--;
  if (end < 0) return undefined;
  const last = text.charCodeAt(end);
  if (last === 0x2026 || (last === 0x2e && text.charCodeAt(end - 1) === 0x2e && text.charCodeAt(end - 2) === 0x2e)) {
    return 'E:…';
  }
  if (last === 0x2c || last === 0x3b || last === 0xff0c) return 'E:,';
  if (last === 0x3a) return 'E::';
  if (isLetterCode(last) || (last >= 0x30 && last <= 0x39)) return 'E:none';
  return undefined;
}

/** Upper-case letter of the Latin or Cyrillic alphabets (Є, І, Ї, Ґ included). */
function isUpperCode(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0xc0 && code <= 0xde && code !== 0xd7) ||
    (code >= 0x400 && code <= 0x42f) ||
    code === 0x490
  );
}

function isLowerCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xdf && code <= 0xff && code !== 0xf7) ||
    (code >= 0x430 && code <= 0x45f) ||
    code === 0x491
  );
}

function isCapitalised(word: string): boolean {
  return isUpperCode(word.charCodeAt(0));
}

function isAllCaps(word: string): boolean {
  if (word.length < 2) return false;
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (isLowerCode(code)) return false;
    if (isUpperCode(code)) upper = true;
  }
  return upper;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
  }
  return false;
}

/**
 * Lower-cased capitalised words that occur after the first word of some sentence.
 *
 * A capitalised word that only ever opens sentences ("However", "Президент")
 * is not taken for a name; one that also occurs inside a sentence is.
 */
export function namesOf(wordLists: ReadonlyArray<ReadonlyArray<string>>): Set<string> {
  const names = new Set<string>();
  for (const words of wordLists) {
    for (let w = 1; w < words.length; w++) {
      const word = words[w] ?? '';
      if (isCapitalised(word)) names.add(word.toLowerCase());
    }
  }
  return names;
}

/** What one side needs to know about the other to weigh its anchors. */
export interface AnchorContext {
  readonly language: Language;
  readonly otherLanguage: Language;
  readonly names: ReadonlySet<string>;
  /** What the letters of each side say (see `profile.ts`); by default the labels are believed. */
  readonly profile?: SideProfile | undefined;
  readonly otherProfile?: SideProfile | undefined;
}

type Weights = { readonly weight: number; readonly penalty: number; readonly kind: number };

/** Latin words in a Cyrillic or Korean text are copied from the source (names, brands, acronyms), so their absence
 * on the other side is telling when that side is English; English words mostly translate, so their absence is not;
 * and Korean writes "Kyiv Post" as 키이우포스트, so between two non-English sides a Latin word is weak either way. */
function latinWordWeight(ownScript: Script, capitalised: boolean, caps: boolean): number {
  return capitalised || ownScript !== 'latin' || caps ? 3 : 1;
}

/** The penalty of a Latin word (see `latinWordWeight`), or -1 when the word is no anchor. */
function latinWordPenalty(ownScript: Script, otherScript: Script, capitalised: boolean): number {
  const foreign = ownScript !== 'latin';
  if (!foreign && !capitalised && otherScript !== 'latin') return -1;
  return foreign ? (otherScript === 'latin' ? 1 : 0.15) : otherScript === 'latin' ? 0.3 : 0.05;
}

/** Month and weekday names by language: a sentence without any skips the calendar. */
const CALENDAR_HINTS: Readonly<Record<Language, RegExp>> = {
  en: /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun/u,
  uk: /січ|лют|бер|кві|тра|чер|лип|сер|вер|жов|лис|гру|пон|вів|чет|п['’]я|суб|нед/iu,
  ru: /янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек|пон|вто|сре|чет|пят|суб|вос/iu,
  ko: /월|요일/u,
};

/**
 * What the analysis needs of one word that depends on the word alone: computed once per distinct word.
 *
 * For a Korean word the stem is the word without its particles (see `stripKoreanParticles`).
 */
interface WordFacts {
  readonly script: Script;
  /** Whether the word gives a dictionary stem, and the stem's hash. */
  readonly hasStem: boolean;
  readonly stemHash: number;
  /** Korean: the value of a spelled-out number word, NaN for none. */
  readonly spelled: number;
  /** Not Korean: whether the word is a number word (its value depends on the next word; see `numberWordValue`). */
  readonly numberWord: boolean;
  readonly capitalised: boolean;
  readonly caps: boolean;
  /** `hashLower(LATIN_PREFIX, word)`: the key of a Latin word or a same-script name. */
  readonly latinHash: number;
  /** Korean: whether the stem's skeleton is an acronym key, and the skeleton. */
  readonly acronym: boolean;
  readonly skeleton: number;
  /** Not Korean: `skeletonCodes(word)`, filled in when first needed. */
  codes: number[] | undefined;
}

/** Words seen recently: a document repeats its words, and a word's facts never change. */
const wordFactsCache = new Map<string, WordFacts>();
const WORDS_KEPT = 1 << 16;

function wordFacts(word: string): WordFacts {
  const known = wordFactsCache.get(word);
  if (known !== undefined) return known;
  const script = scriptOf(word);
  let facts: WordFacts;
  if (script === 'hangul') {
    const stem = stripKoreanParticles(word);
    const skeleton = skeletonCode(stem);
    const spelled = word.length <= 2 ? numberWordValue(word, undefined) : undefined;
    facts = {
      script,
      hasStem: stem.length >= 2 && !hasDigit(stem),
      stemHash: hashMore(STEM_PREFIX, stem, 0, 2),
      spelled: spelled ?? Number.NaN,
      numberWord: false,
      capitalised: false,
      caps: false,
      latinHash: 0,
      acronym: stem.length >= 2 && stem.length <= 3 && skeletonLength(skeleton) >= 2,
      skeleton,
      codes: undefined,
    };
  } else {
    facts = {
      script,
      hasStem: word.length >= 3 && !hasDigit(word),
      stemHash: hashLower(STEM_PREFIX, word, 0, Math.min(5, word.length)),
      spelled: Number.NaN,
      numberWord: word.length <= 11 && numberWordValue(word, undefined) !== undefined,
      capitalised: isCapitalised(word),
      caps: isAllCaps(word),
      latinHash: hashLower(LATIN_PREFIX, word, 0, word.length),
      acronym: false,
      skeleton: 1,
      codes: undefined,
    };
  }
  if (wordFactsCache.size >= WORDS_KEPT) wordFactsCache.clear();
  wordFactsCache.set(word, facts);
  return facts;
}

function addKey(sink: AnchorSink, key: number, w: Weights): void {
  sink.anchor(key, w.weight, w.penalty, w.kind);
}

function addText(sink: AnchorSink, key: string, w: Weights): void {
  sink.anchor(anchorKey(key), w.weight, w.penalty, w.kind);
}

function addNumber(sink: AnchorSink, value: number): void {
  const small = value < 10 && Number.isInteger(value);
  addText(sink, `N:${Number(value.toPrecision(12))}`, small ? WEIGHTS.smallNumber : WEIGHTS.number);
}

function addSkeleton(sink: AnchorSink, skeleton3: Weights, skeleton4: Weights, code: number): void {
  const length = skeletonLength(code);
  if (length >= 3) addKey(sink, hashInteger(SKELETON3_PREFIX, skeletonPrefix(code, 3)), skeleton3);
  if (length >= 4) addKey(sink, hashInteger(SKELETON4_PREFIX, skeletonPrefix(code, 4)), skeleton4);
}

/**
 * Analyses one sentence: passes its anchors and stems to `sink`, returns its length, punctuation and script share.
 *
 * `words` is `wordsOf(text)`, passed in because the caller already needed it
 * to find the document's names.
 */
export function analyseSegment(
  text: string,
  words: ReadonlyArray<string>,
  context: AnchorContext,
  sink: AnchorSink,
): SegmentFacts {
  const { names } = context;
  const profile = context.profile ?? labelProfile(context.language);
  const otherProfile = context.otherProfile ?? labelProfile(context.otherLanguage);
  const ownScript = profile.script;
  const otherScript = otherProfile.script;
  // Number words and month names are read only in a language the letters confirm (see `profile.ts`).
  const known = profile.language;
  const language: Language = known ?? (ownScript === 'hangul' ? 'ko' : 'en');

  let plain = text;
  if (LINK_HINT.test(text)) {
    for (const link of text.matchAll(LINK))
      addText(sink, `U:${link[0].replace(/[.,;:!?)]+$/u, '').toLowerCase()}`, WEIGHTS.link);
    plain = text.replace(LINK, ' ');
  }
  const digits = digitValues(plain, language);
  for (let d = 0; d < digits.length; d++) addNumber(sink, digits[d] ?? 0);
  if (known !== undefined && CALENDAR_HINTS[known].test(plain)) {
    const calendar = calendarAnchors(plain, language);
    for (let c = 0; c < calendar.length; c++) addText(sink, `C:${calendar[c] ?? ''}`, WEIGHTS.calendar);
  }
  const terminal = terminalAnchor(text);
  if (terminal !== undefined) addText(sink, terminal, terminal === 'E:none' ? WEIGHTS.unterminated : WEIGHTS.terminal);

  // Korean has no capitals, so every Korean word gives skeletons: their absence on the other side means nothing.
  const skeleton3 = ownScript === 'hangul' ? WEIGHTS.skeleton3 : WEIGHTS.nameSkeleton3;
  const skeleton4 = ownScript === 'hangul' ? WEIGHTS.skeleton4 : WEIGHTS.nameSkeleton4;
  const acronym = ownScript === 'hangul' ? WEIGHTS.acronym : WEIGHTS.nameAcronym;
  // Two texts in Latin letters share their names verbatim: skeletons would only add chance matches.
  const withSkeletons = !(ownScript === 'latin' && otherScript === 'latin');
  let nameRun = 0;
  let lettered = 0;
  let capitalWords = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const first = word.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) {
      nameRun = 0;
      continue;
    }
    lettered++;
    const analysed = wordFacts(word);
    const script = analysed.script;
    if (script === 'hangul') {
      // Korean: one stem serves the dictionary, the number words and the skeletons.
      nameRun = 0;
      if (analysed.hasStem) sink.stem(analysed.stemHash);
      if (known === 'ko' && !Number.isNaN(analysed.spelled)) addNumber(sink, analysed.spelled);
      if (!withSkeletons) continue;
      if (analysed.acronym) addKey(sink, hashInteger(ACRONYM_PREFIX, analysed.skeleton), WEIGHTS.acronym);
      addSkeleton(sink, skeleton3, skeleton4, analysed.skeleton);
      continue;
    }
    const capitalised = analysed.capitalised;
    if (known !== undefined && analysed.numberWord) {
      const spelled = numberWordValue(word, words[index + 1]);
      if (spelled !== undefined) addNumber(sink, spelled);
    }
    if (analysed.hasStem) sink.stem(analysed.stemHash);
    const caps = analysed.caps;
    if (caps) capitalWords++;
    if (script === 'latin' && word.length >= 2) {
      const penalty = latinWordPenalty(ownScript, otherScript, capitalised);
      const kind = ownScript !== 'latin' ? K.foreignLatin : capitalised || caps ? K.latinName : K.latinWord;
      if (penalty >= 0) sink.anchor(analysed.latinHash, latinWordWeight(ownScript, capitalised, caps), penalty, kind);
    } else if (script === 'cyrillic' && otherScript === 'cyrillic' && (capitalised || caps)) {
      addKey(sink, analysed.latinHash, WEIGHTS.sameScriptName);
    }
    if (script === 'other' || !withSkeletons || !(capitalised || caps)) {
      nameRun = 0;
      continue;
    }
    const isName = capitalised && (index > 0 || isCapitalised(words[1] ?? '') || names.has(word.toLowerCase()));
    if (!isName && !(caps && word.length <= 6)) {
      nameRun = 0;
      continue;
    }
    const codes = (analysed.codes ??= skeletonCodes(word));
    const skeleton = codes[0] ?? 1;
    const length = skeletonLength(skeleton);
    // Acronyms, and short names ("Seoul", "Russia") whose two consonants are too few
    // for a prefix key but enough for an exact one.
    if ((caps && word.length <= 6 && length >= 2) || length === 2)
      addKey(sink, hashInteger(ACRONYM_PREFIX, skeleton), acronym);
    for (const code of codes) addSkeleton(sink, skeleton3, skeleton4, code);
    // Korean writes a multi-word name as one word ("키이우포스트" for "Kyiv Post"):
    // a run of capitalised words also gives the skeleton of the run.
    if (nameRun !== 0) addSkeleton(sink, skeleton3, skeleton4, joinSkeletons(nameRun, skeleton));
    nameRun = length === 0 ? 0 : skeleton;
  }
  // A line of two or more words all in capitals ("JOIN US ON TELEGRAM"): a heading or a button, seldom a sentence.
  if (lettered >= 2 && capitalWords === lettered) addText(sink, 'E:caps', WEIGHTS.headline);

  return scanText(text, ownScript);
}
