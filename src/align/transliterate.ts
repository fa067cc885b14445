/**
 * Cheap cross-script name matching: consonant skeletons of Latin, Cyrillic and Hangul words.
 *
 * A proper name keeps its consonants when it crosses scripts far better than its
 * vowels: "Zelensky", "Зеленський", "Зеленский" and "젤렌스키" all reduce to the
 * skeleton `SLNSK`. Each letter is mapped to a coarse consonant class (voicing and
 * the sibilants are merged, because Korean cannot tell z from j nor f from p,
 * and l/r are one class because Korean has one liquid), vowels and glides are
 * dropped, and runs of one class collapse ("Володимир" and "볼로디미르" both give
 * `PLTML`). Korean epenthetic vowels ("스", "크") vanish for free since vowels are
 * dropped. The skeleton is a hint, not a transliteration: the aligner gives a
 * matching skeleton prefix a small bonus and learns the rest.
 *
 * Skeletons are computed as packed integers (three bits a class, after a
 * leading 1, at most MAX_CLASSES classes) because the aligner computes one
 * for every Korean word; `skeletonText` spells one out.
 */

/** The classes, numbered 1..7 in this order. */
const CLASS_LETTERS = ' KTPSLMN';
const K = 1;
const T = 2;
const P = 3;
const S = 4;
const L = 5;
const M = 6;
const N = 7;
/** Classes kept in a packed skeleton: enough for every prefix and acronym the aligner uses. */
export const MAX_CLASSES = 9;
const EMPTY = 1;
/** Codes at or above this are full. */
const FULL = 8 ** MAX_CLASSES;

/** Appends a class unless it repeats the last one (so doubled letters and "ㄹㄹ" count once) or the code is full. */
function append(code: number, letterClass: number): number {
  if (letterClass === 0 || (code > EMPTY && (code & 7) === letterClass) || code >= FULL) return code;
  return code * 8 + letterClass;
}

/** Number of classes in a packed skeleton. */
export function skeletonLength(code: number): number {
  let length = 0;
  for (let rest = code; rest > 1; rest >>>= 3) length++;
  return length;
}

/** The first `count` classes of a packed skeleton (all of it when shorter). */
export function skeletonPrefix(code: number, count: number): number {
  const length = skeletonLength(code);
  return length <= count ? code : code >>> (3 * (length - count));
}

/** Appends the classes of `second` to `first`, collapsing a class repeated across the junction. */
export function joinSkeletons(first: number, second: number): number {
  const length = skeletonLength(second);
  let code = first;
  for (let k = length - 1; k >= 0; k--) code = append(code, (second >>> (3 * k)) & 7);
  return code;
}

/** A packed skeleton spelled out, e.g. "SLNSK". */
export function skeletonText(code: number): string {
  let text = '';
  for (let rest = code; rest > 1; rest >>>= 3) text = (CLASS_LETTERS[rest & 7] ?? '') + text;
  return text;
}

/** Latin letters without digraph rules: b p f v → P, d t → T, g k q h → K, s z j → S, l r → L, m, n. */
const LATIN_CLASS = new Uint8Array(128);
for (const [letters, letterClass] of [
  ['bpfv', P],
  ['dt', T],
  ['gkqh', K],
  ['szj', S],
  ['lr', L],
  ['m', M],
  ['n', N],
] as const) {
  for (const letter of letters) LATIN_CLASS[letter.charCodeAt(0)] = letterClass;
}

/** Cyrillic lower-case letters а..я (0x430–0x44f) and ґ: consonants only. */
const CYRILLIC_CLASS = new Uint8Array(0x500);
for (const [letters, letterClass] of [
  ['бпфв', P],
  ['дт', T],
  ['гґкх', K],
  ['жзсцчшщ', S],
  ['лр', L],
  ['м', M],
  ['н', N],
] as const) {
  for (const letter of letters) CYRILLIC_CLASS[letter.charCodeAt(0)] = letterClass;
}

/** Hangul initial consonants in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ. */
const HANGUL_INITIAL = Uint8Array.from([K, K, N, T, T, L, M, P, P, S, S, 0, S, S, S, K, T, P, K]);

/**
 * Hangul final consonants (batchim) in Unicode order, index 0 = none, as up to two classes (first · 8 + second);
 * ㅇ is "ng", written N like Latin "ng".
 */
const HANGUL_FINAL = Uint8Array.from([
  0,
  K,
  K,
  K * 8 + S,
  N,
  N * 8 + S,
  N,
  T,
  L,
  L * 8 + K,
  L * 8 + M,
  L * 8 + P,
  L * 8 + S,
  L * 8 + T,
  L * 8 + P,
  L,
  M,
  P,
  P * 8 + S,
  S,
  S,
  N,
  S,
  S,
  K,
  T,
  P,
  0,
]);

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

function lower(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code >= 0x410 && code <= 0x42f) return code + 0x20;
  if (code >= 0x400 && code <= 0x40f) return code + 0x50;
  if (code === 0x490) return 0x491;
  return code;
}

/**
 * The packed skeleton of a Latin word; `dropR` leaves out an r before a consonant or at the end.
 *
 * Digraphs first: sch, sh, ch, zh, ts, tz → S; kh, ck, qu → K; th → T; ph → P;
 * ng → N. A "c" before e, i or y is S, otherwise K; x is KS.
 */
function latinCode(word: string, dropR: boolean): number {
  let code = EMPTY;
  const length = word.length;
  for (let i = 0; i < length; i++) {
    const letter = lower(word.charCodeAt(i));
    const next = i + 1 < length ? lower(word.charCodeAt(i + 1)) : 0;
    let letterClass: number;
    switch (letter) {
      case 0x73: // s, sh, sch
        if (next === 0x68) i++;
        else if (next === 0x63 && lower(word.charCodeAt(i + 2)) === 0x68) i += 2;
        letterClass = S;
        break;
      case 0x63: // c, ch, ck
        if (next === 0x68) {
          i++;
          letterClass = S;
        } else if (next === 0x6b) {
          i++;
          letterClass = K;
        } else {
          letterClass = next === 0x65 || next === 0x69 || next === 0x79 ? S : K;
        }
        break;
      case 0x7a: // z, zh
        if (next === 0x68) i++;
        letterClass = S;
        break;
      case 0x74: // t, ts, tz, th
        if (next === 0x73 || next === 0x7a) {
          i++;
          letterClass = S;
        } else {
          if (next === 0x68) i++;
          letterClass = T;
        }
        break;
      case 0x6b: // k, kh
        if (next === 0x68) i++;
        letterClass = K;
        break;
      case 0x71: // q, qu
        if (next === 0x75) i++;
        letterClass = K;
        break;
      case 0x70: // p, ph
        if (next === 0x68) i++;
        letterClass = P;
        break;
      case 0x6e: // n, ng
        if (next === 0x67) i++;
        letterClass = N;
        break;
      case 0x72: // r
        letterClass = dropR && !isVowel(next) ? 0 : L;
        break;
      case 0x78: // x
        code = append(append(code, K), S);
        continue;
      default:
        letterClass = letter < 128 ? (LATIN_CLASS[letter] ?? 0) : 0;
    }
    code = append(code, letterClass);
  }
  return code;
}

function isVowel(letter: number): boolean {
  return letter === 0x61 || letter === 0x65 || letter === 0x69 || letter === 0x6f || letter === 0x75 || letter === 0x79;
}

function cyrillicCode(word: string): number {
  let code = EMPTY;
  for (let i = 0; i < word.length; i++) {
    const letter = lower(word.charCodeAt(i));
    code = append(code, letter < 0x500 ? (CYRILLIC_CLASS[letter] ?? 0) : 0);
  }
  return code;
}

function hangulCode(word: string): number {
  let code = EMPTY;
  for (let i = 0; i < word.length; i++) {
    const syllable = word.charCodeAt(i);
    if (syllable < HANGUL_FIRST || syllable > HANGUL_LAST) continue;
    const offset = syllable - HANGUL_FIRST;
    code = append(code, HANGUL_INITIAL[Math.floor(offset / 588)] ?? 0);
    const final = HANGUL_FINAL[offset % 28] ?? 0;
    if (final >= 8) code = append(code, final >> 3);
    code = append(code, final & 7);
  }
  return code;
}

/** The writing system of a word, judged by its first letter. */
export type Script = 'latin' | 'cyrillic' | 'hangul' | 'other';

export function scriptOf(word: string): Script {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) {
      return code === 0xd7 || code === 0xf7 ? 'other' : 'latin';
    }
    if (code >= 0x400 && code <= 0x52f) return 'cyrillic';
    if ((code >= HANGUL_FIRST && code <= HANGUL_LAST) || (code >= 0x1100 && code <= 0x11ff)) return 'hangul';
    if (code >= 0x3130 && code <= 0x318f) return 'hangul';
  }
  return 'other';
}

/** The packed consonant skeleton of one word in any of the three scripts (see `skeletonText`); 1 when empty. */
export function skeletonCode(word: string): number {
  switch (scriptOf(word)) {
    case 'latin':
      return latinCode(word, false);
    case 'cyrillic':
      return cyrillicCode(word);
    case 'hangul':
      return hangulCode(word);
    case 'other':
      return EMPTY;
  }
}

/** The consonant skeleton of one word, spelled out ("" for none). */
export function consonantSkeleton(word: string): string {
  return skeletonText(skeletonCode(word));
}

/**
 * The packed skeletons a word may have: for a Latin word with an "r" before a consonant, also the skeleton without
 * it.
 *
 * Korean borrows English names as British English says them ("Storm" is
 * 스톰, with no r) but Russian ones with the r ("Kursk" is 쿠르스크), and a
 * Latin-script name may be either.
 */
export function skeletonCodes(word: string): number[] {
  const code = skeletonCode(word);
  if (scriptOf(word) !== 'latin') return [code];
  const other = latinCode(word, true);
  return other === code ? [code] : [code, other];
}

/**
 * Korean particles and endings that attach to a noun, longest first.
 *
 * Korean writes "쿠르스크에서" (in Kursk) as one word; stripping the particle
 * leaves the name so that its skeleton can match "Kursk". "이나" (or) is left
 * out: far more names end in it ("우크라이나") than words take it.
 */
const KOREAN_PARTICLES: ReadonlyArray<string> = [
  '에서는',
  '으로는',
  '에게서',
  '이라고',
  '에서',
  '에게',
  '으로',
  '부터',
  '까지',
  '처럼',
  '보다',
  '라고',
  '과의',
  '와의',
  '에는',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '로',
  '와',
  '과',
  '도',
  '만',
];

/** The particles by their last syllable (index: syllable − 가), so that a word is only compared with those it may end in. */
const PARTICLES_BY_LAST: Array<string[] | undefined> = [];
for (const particle of KOREAN_PARTICLES) {
  const last = particle.charCodeAt(particle.length - 1) - HANGUL_FIRST;
  (PARTICLES_BY_LAST[last] ??= []).push(particle);
}

/** Strips one trailing particle and then a plural "들", keeping at least one syllable. */
export function stripKoreanParticles(word: string): string {
  let stem = word;
  const last = word.charCodeAt(word.length - 1) - HANGUL_FIRST;
  const particles = last >= 0 && last < PARTICLES_BY_LAST.length ? PARTICLES_BY_LAST[last] : undefined;
  if (particles !== undefined) {
    for (const particle of particles) {
      if (stem.length > particle.length && stem.endsWith(particle)) {
        stem = stem.slice(0, stem.length - particle.length);
        break;
      }
    }
  }
  if (stem.length > 1 && stem.endsWith('들')) stem = stem.slice(0, -1);
  return stem;
}
