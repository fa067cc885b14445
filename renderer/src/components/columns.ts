import type { Language } from '../../../src/languages';
import type { SubrelayDocument } from '../../../src/model/project';

/** Widths of the columns that are not languages, in em. */
export const FIXED_COLUMNS_EM = { number: 3.4, time: 8.5 } as const;

const FONT_PX = 13.5;
const MIN_COLUMN_PX = 140;
const SAMPLE_ROWS = 400;

/** About how wide a text is on screen, in Latin letters: Hangul and CJK take nearly two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    width += (code >= 0x1100 && code <= 0x11ff) || (code >= 0x2e80 && code <= 0xd7ff) || code >= 0xf900 ? 1.8 : 1;
  }
  return width;
}

/**
 * Relative widths for the language columns from what they hold: the mean
 * width of the texts in up to 400 rows spread over the document, so a column
 * of long Russian sentences gets more room than one of short Korean ones, and
 * none gets less than half the mean.
 */
export function contentWeights(
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
): Partial<Record<Language, number>> {
  const segments = document.segments;
  const step = Math.max(1, Math.floor(segments.length / SAMPLE_ROWS));
  const totals = new Map<Language, number>(languages.map((language) => [language, 0]));
  for (let index = 0; index < segments.length; index += step) {
    const segment = segments[index];
    if (segment === undefined || segment.excluded === true) continue;
    for (const language of languages) {
      totals.set(language, (totals.get(language) ?? 0) + displayWidth(segment.texts[language]));
    }
  }
  const values = [...totals.values()];
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  if (mean === 0) return {};
  return Object.fromEntries(
    languages.map((language) => [language, Math.min(3, Math.max(0.5, (totals.get(language) ?? mean) / mean))]),
  );
}

/**
 * Pixel widths of the language columns in a grid `width` pixels wide: the
 * room the number (and time) columns leave, shared by weight, each at least
 * wide enough to read a few words.
 */
export function columnWidths(
  languages: ReadonlyArray<Language>,
  weights: Readonly<Partial<Record<Language, number>>>,
  width: number,
  timed: boolean,
): Partial<Record<Language, number>> {
  if (width <= 0 || languages.length === 0) return {};
  const fixed = (FIXED_COLUMNS_EM.number + (timed ? 2 * FIXED_COLUMNS_EM.time : 0)) * FONT_PX;
  const room = Math.max(width - fixed - 2, languages.length * MIN_COLUMN_PX);
  // Columns whose share would be too narrow get the minimum; the others share the rest by weight.
  const widths: Partial<Record<Language, number>> = {};
  let free = [...languages];
  let left = room;
  for (;;) {
    const total = free.reduce((sum, language) => sum + (weights[language] ?? 1), 0);
    const narrow = free.filter((language) => (left * (weights[language] ?? 1)) / total < MIN_COLUMN_PX);
    if (narrow.length === 0) {
      for (const language of free) widths[language] = Math.floor((left * (weights[language] ?? 1)) / total);
      return widths;
    }
    for (const language of narrow) widths[language] = MIN_COLUMN_PX;
    left -= narrow.length * MIN_COLUMN_PX;
    free = free.filter((language) => !narrow.includes(language));
    if (free.length === 0) return widths;
  }
}
