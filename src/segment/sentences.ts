import type { Language } from '../languages';
import { ABBREVIATIONS } from './abbreviations';

const segmenters = new Map<Language, Intl.Segmenter>();

function segmenterFor(language: Language): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The word right before a final full stop, with inner stops kept ("U.S"). */
function wordBeforeFinalStop(sentence: string): string | undefined {
  const match = /(?:^|[\s(“"'«‘])([\p{L}\p{N}][\p{L}\p{N}.-]*)\.$/u.exec(sentence);
  return match?.[1];
}

/**
 * Whether a piece that `Intl.Segmenter` ended should rather run on into the next.
 *
 * True after a listed abbreviation, after a single capital initial ("J."), and
 * when the next piece starts in lower case (no sentence starts that way).
 */
function continuesIntoNext(piece: string, next: string, language: Language): boolean {
  if (/^\s*\p{Ll}/u.test(next)) return true;
  const word = wordBeforeFinalStop(piece.trimEnd());
  if (word === undefined) return false;
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS[language].has(word.toLowerCase());
}

/** Texts longer than this are handed to the platform's breaker in pieces (see `breakerChunks`). */
const CHUNK_CHARACTERS = 4096;

/**
 * Cuts a long paragraph into chunks that end where a sentence probably ends.
 *
 * V8's `Intl.Segmenter` takes quadratic time over one long string (20,000
 * sentences in one paragraph took 14 s), so long texts are broken up at a
 * sentence-final mark followed by a space, where the breaker would break
 * anyway; the abbreviation merging below joins any wrong cut back.
 */
function* breakerChunks(flat: string): Generator<string> {
  const boundary = /[.!?…。！？]["”»’')\]]*\s/gu;
  let start = 0;
  while (flat.length - start > CHUNK_CHARACTERS) {
    boundary.lastIndex = start + CHUNK_CHARACTERS;
    const match = boundary.exec(flat);
    if (match === null) break;
    const end = match.index + match[0].length;
    yield flat.slice(start, end);
    start = end;
  }
  yield flat.slice(start);
}

/**
 * Splits one paragraph into sentences.
 *
 * Uses the platform's Unicode sentence breaker, then joins back the pieces
 * it splits after abbreviations ("Lt. Gen. Valery Solodchuk", "Nov. 20",
 * "U.S.", "ген."). Sentences are trimmed; inner white space runs become one
 * space so that hard-wrapped input yields clean segments. Linear in the
 * length of the text.
 */
export function segmentSentences(text: string, language: Language): string[] {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat === '') return [];
  const segmenter = segmenterFor(language);
  const pieces: string[] = [];
  for (const chunk of breakerChunks(flat)) {
    for (const piece of segmenter.segment(chunk)) pieces.push(piece.segment);
  }
  const sentences: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    current.push(piece);
    const next = pieces[i + 1];
    // The word before a piece's final stop lies in that piece, so only it is looked at.
    if (next !== undefined && continuesIntoNext(piece, next, language)) continue;
    const sentence = current.join('').trim();
    if (sentence !== '') sentences.push(sentence);
    current = [];
  }
  return sentences;
}

/**
 * Splits a text into paragraphs.
 *
 * When the text has blank lines, they separate paragraphs and single line
 * breaks inside a block are treated as wrapping; otherwise every non-empty
 * line is a paragraph (the shape of text copied from a web page).
 */
export function splitParagraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/gu, '\n').replace(/^\uFEFF/u, '');
  const hasBlankLines = /\n[ \t]*\n/u.test(normalized.trim());
  const blocks = hasBlankLines ? normalized.split(/\n[ \t]*\n/u) : normalized.split('\n');
  return blocks.map((block) => block.replace(/\s+/gu, ' ').trim()).filter((block) => block !== '');
}

/** One sentence with the zero-based paragraph it came from. */
export interface SegmentedSentence {
  readonly paragraph: number;
  readonly text: string;
}

/** Splits a whole text into paragraphs, then sentences. */
export function segmentText(text: string, language: Language): SegmentedSentence[] {
  return splitParagraphs(text).flatMap((paragraph, index) =>
    segmentSentences(paragraph, language).map((sentence) => ({ paragraph: index, text: sentence })),
  );
}
