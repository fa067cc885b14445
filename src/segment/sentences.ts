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

/**
 * Splits one paragraph into sentences.
 *
 * Uses the platform's Unicode sentence breaker, then joins back the pieces
 * it splits after abbreviations ("Lt. Gen. Valery Solodchuk", "Nov. 20",
 * "U.S.", "ген."). Sentences are trimmed; inner white space runs become one
 * space so that hard-wrapped input yields clean segments.
 */
export function segmentSentences(text: string, language: Language): string[] {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat === '') return [];
  const pieces = Array.from(segmenterFor(language).segment(flat), (s) => s.segment);
  const sentences: string[] = [];
  let current = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    current += piece;
    const next = pieces[i + 1];
    if (next !== undefined && continuesIntoNext(current, next, language)) continue;
    const sentence = current.trim();
    if (sentence !== '') sentences.push(sentence);
    current = '';
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
