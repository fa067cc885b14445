import { assertNever, type Language } from '../../languages';
import type { Segment, SubrelayDocument } from '../../model/project';

/**
 * One block of a localized document: a headline or a paragraph.
 *
 * Shared by the Markdown and DOCX writers so that both rebuild an article the
 * same way `toPlainText` does.
 */
export interface DocumentBlock {
  readonly kind: 'headline' | 'paragraph';
  /**
   * The block's lines: the sentences of one paragraph run on with a space,
   * and a line break the translator typed inside a cell starts a new line.
   * Never empty, and no line is empty.
   */
  readonly lines: ReadonlyArray<string>;
}

/**
 * A cell's text as lines with their spacing tidied.
 *
 * Runs of spaces and tabs become one space as in `toPlainText`, but a typed
 * line break survives, because a translator who breaks a line inside an
 * article cell (an address, a verse) means it.
 */
function cellLines(text: string): string[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '');
}

function blockKind(segment: Segment): DocumentBlock['kind'] {
  const role = segment.role;
  if (role === undefined) return 'paragraph';
  switch (role) {
    case 'headline':
      return 'headline';
    default:
      return assertNever(role, 'Unknown segment role');
  }
}

/**
 * Which block a segment belongs to.
 *
 * An article groups the sentences of one paragraph (and keeps a headline
 * apart from body text even if both claim the same paragraph); a transcript
 * has every segment in paragraph 0, so each cue is a block of its own.
 */
function blockKey(document: SubrelayDocument, segment: Segment, index: number, kind: DocumentBlock['kind']): string {
  switch (document.kind) {
    case 'article':
      return `${kind} ${segment.paragraph}`;
    case 'transcript':
      return `cue ${index}`;
    default:
      return assertNever(document.kind, 'Unknown document kind');
  }
}

/**
 * Rebuilds a document's headlines and paragraphs in one language.
 *
 * Excluded rows (page furniture) and empty cells are left out, so a language
 * that is only partly translated yields only its translated blocks.
 */
export function documentBlocks(document: SubrelayDocument, language: Language): DocumentBlock[] {
  const blocks: { kind: DocumentBlock['kind']; key: string; lines: string[] }[] = [];
  document.segments.forEach((segment, index) => {
    if (segment.excluded === true) return;
    const lines = cellLines(segment.texts[language]);
    const [first, ...rest] = lines;
    if (first === undefined) return;
    const kind = blockKind(segment);
    const key = blockKey(document, segment, index, kind);
    const last = blocks[blocks.length - 1];
    if (last === undefined || last.key !== key) {
      blocks.push({ kind, key, lines });
      return;
    }
    const tail = last.lines.pop();
    last.lines.push(tail === undefined ? first : `${tail} ${first}`, ...rest);
  });
  return blocks.map(({ kind, lines }) => ({ kind, lines }));
}

/**
 * Escapes the characters that would start emphasis, code, links, HTML or entities.
 *
 * `~` is escaped too: GitHub-flavoured Markdown strikes through text between
 * tildes, and Korean writes ranges with one ("3~4명"). Typographic quotes,
 * Hangul and Cyrillic need nothing.
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<~]/gu, (character) => `\\${character}`).replace(/&(?=#?[A-Za-z0-9]+;)/gu, '\\&');
}

/**
 * Escapes what would turn the start of a line into block syntax.
 *
 * A paragraph that begins "1. ", "# ", "- ", "> " or consists of "===" would
 * otherwise become a list, heading, quote or setext underline. A sign before
 * a digit ("-5 °C", "+3") is not a list marker and is left alone.
 */
function escapeLineStart(line: string): string {
  if (/^(?:#|>|[-+](?!\d)|=+\s*$)/u.test(line)) return `\\${line}`;
  return line.replace(/^(\d{1,9})([.)])(?=\s|$)/u, '$1\\$2');
}

function markdownParagraph(lines: ReadonlyArray<string>): string {
  // A backslash before the newline is CommonMark's visible hard line break.
  return lines.map((line) => escapeLineStart(escapeInline(line))).join('\\\n');
}

/**
 * An ATX heading's text, safe from being read as its closing sequence.
 *
 * Markdown headings hold one line, so typed breaks become spaces.
 */
function markdownHeading(level: number, lines: ReadonlyArray<string>): string {
  const text = escapeInline(lines.join(' ')).replace(/(^|\s)(#+)$/u, '$1\\$2');
  return `${'#'.repeat(level)} ${text}`;
}

/**
 * Writes a document in one language as Markdown.
 *
 * The first headline is `#` and later ones `##`, so the file has one title.
 * Each paragraph (each cue of a transcript) is one Markdown paragraph and
 * blocks are separated by a blank line. Text is escaped so that nothing a
 * translator types becomes markup by accident.
 */
export function toMarkdown(document: SubrelayDocument, language: Language): string {
  let headlines = 0;
  const blocks = documentBlocks(document, language).map((block) => {
    switch (block.kind) {
      case 'headline':
        headlines += 1;
        return markdownHeading(headlines === 1 ? 1 : 2, block.lines);
      case 'paragraph':
        return markdownParagraph(block.lines);
      default:
        return assertNever(block.kind, 'Unknown block kind');
    }
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
