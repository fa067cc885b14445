import type { Language } from '../languages';
import type { Script } from './transliterate';

/**
 * What the letters of one side say about its language, whatever the caller labelled it.
 *
 * Callers know four languages and label any Latin-script text "en" (see
 * `guessLanguage`). Taking a German or Hungarian text for English would make
 * every word an anchor and every English number word or month name a
 * promise that the text cannot keep, so the label is believed only when the
 * letters agree with it: Hangul for Korean, Cyrillic for Ukrainian and
 * Russian, and for English Latin letters with enough of the commonest English
 * words. Otherwise the language is unknown (`language` undefined) and the
 * aligner uses only evidence that holds in any language: numbers in digits,
 * identical tokens, capitalised names and their skeletons, punctuation, and
 * the dictionary it learns from the texts.
 */
export interface SideProfile {
  /** The language, when the letters confirm the label; undefined when unknown. */
  readonly language: Language | undefined;
  /** The script most of the side's letters are in. */
  readonly script: Script;
}

/** The script a language is written in. */
export function scriptOfLanguage(language: Language): Script {
  switch (language) {
    case 'en':
      return 'latin';
    case 'uk':
    case 'ru':
      return 'cyrillic';
    case 'ko':
      return 'hangul';
  }
}

/** The profile a label stands for when nothing else is known (tests, single sentences). */
export function labelProfile(language: Language): SideProfile {
  return { language, script: scriptOfLanguage(language) };
}

/**
 * The commonest English words, which make up a quarter to a third of any English prose and seldom occur in other
 * languages' (a few, like "in", "die" or "also", do, which is why the share must be high).
 */
const ENGLISH_WORDS = new Set(
  'the of and to in is that for it with as was on be by are this from or at which not have his an they but has had were their been its who all we will would there can our you your he she her them these those what when should shall any every into than other such no one may'.split(
    ' ',
  ),
);
const LONGEST_WORD = Math.max(...Array.from(ENGLISH_WORDS, (word) => word.length));
/** Share of an English text's Latin words that `ENGLISH_WORDS` holds: about 0.3 in prose, under 0.1 in German. */
const ENGLISH_SHARE = 0.18;
/** Characters read: enough for a stable share, little time on a book. */
const SAMPLE = 100_000;

/** The profile of one side from its texts and its label. */
export function profileOf(texts: ReadonlyArray<string>, label: Language): SideProfile {
  let latin = 0;
  let cyrillic = 0;
  let hangul = 0;
  let other = 0;
  let read = 0;
  let words = 0;
  let english = 0;
  for (const text of texts) {
    if (read >= SAMPLE) break;
    read += text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (
        (code >= 0x41 && code <= 0x5a) ||
        (code >= 0x61 && code <= 0x7a) ||
        (code >= 0xc0 && code <= 0x24f) ||
        (code >= 0x1e00 && code <= 0x1eff)
      )
        latin++;
      else if (code >= 0x400 && code <= 0x52f) cyrillic++;
      else if (
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0x1100 && code <= 0x11ff) ||
        (code >= 0x3130 && code <= 0x318f)
      )
        hangul++;
      else if (code >= 0x3040 || (code >= 0x370 && code < 0x400) || (code >= 0x530 && code < 0x2000)) other++;
    }
    if (label === 'en') {
      // Words are runs of letters; only short all-ASCII ones can be among ENGLISH_WORDS.
      let start = -1;
      let ascii = true;
      for (let i = 0; i <= text.length; i++) {
        const code = i < text.length ? text.charCodeAt(i) : 0x20;
        const asciiLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
        if (asciiLetter || (code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff)) {
          if (start < 0) {
            start = i;
            ascii = true;
          }
          if (!asciiLetter) ascii = false;
          continue;
        }
        if (start < 0) continue;
        words++;
        if (ascii && i - start <= LONGEST_WORD && ENGLISH_WORDS.has(text.slice(start, i).toLowerCase())) english++;
        start = -1;
      }
    }
  }
  const best = Math.max(latin, cyrillic, hangul, other);
  const script: Script =
    best === 0
      ? scriptOfLanguage(label)
      : best === latin
        ? 'latin'
        : best === cyrillic
          ? 'cyrillic'
          : best === hangul
            ? 'hangul'
            : 'other';
  if (script !== scriptOfLanguage(label)) return { language: undefined, script };
  if (label === 'en' && words > 0 && english < ENGLISH_SHARE * words) return { language: undefined, script };
  return { language: label, script };
}
