import type { Language } from '../../languages';
import type { Segment } from '../../model/project';

/**
 * Rebuilds a document's paragraphs in one language as plain text.
 *
 * Sentences of one paragraph are joined with a space; paragraphs are
 * separated by a blank line. Excluded segments and empty cells are left out.
 */
export function toPlainText(segments: ReadonlyArray<Segment>, language: Language): string {
  const paragraphs: string[][] = [];
  let currentParagraph: number | undefined;
  for (const segment of segments) {
    if (segment.excluded === true) continue;
    const text = segment.texts[language].replace(/\s+/gu, ' ').trim();
    if (text === '') continue;
    const last = paragraphs[paragraphs.length - 1];
    if (last === undefined || segment.paragraph !== currentParagraph) {
      paragraphs.push([text]);
      currentParagraph = segment.paragraph;
    } else {
      last.push(text);
    }
  }
  return paragraphs.length === 0 ? '' : `${paragraphs.map((p) => p.join(' ')).join('\n\n')}\n`;
}
