import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { assertNever, type Language } from '../../languages';
import type { SubrelayDocument } from '../../model/project';
import { documentBlocks, type DocumentBlock } from '../markdown/markdown';

export interface DocxOptions {
  /** Written as the document's author and last editor; "Subrelay" by default. */
  readonly creator?: string | undefined;
}

/** The parts of a run's properties that make Word treat the text as one language. */
interface LanguageRunProperties {
  readonly language: { readonly value: string; readonly eastAsia?: string };
  readonly font?: { readonly eastAsia: string; readonly hint: string };
}

/**
 * How Word is told which language a run is in, so it spell-checks it.
 *
 * Word files each character under a script: Latin and Cyrillic go by
 * `w:val`, Hangul by `w:eastAsia`. A Korean document keeps English for the
 * Latin words in it (NATO, HUR) as Korean Word itself does, and names a Hangul
 * font with the East Asian hint so quotes and punctuation match the Hangul
 * around them instead of falling back to a Latin font.
 */
function languageRunProperties(language: Language): LanguageRunProperties {
  switch (language) {
    case 'en':
      return { language: { value: 'en-US' } };
    case 'ko':
      return {
        language: { value: 'en-US', eastAsia: 'ko-KR' },
        font: { eastAsia: 'Malgun Gothic', hint: 'eastAsia' },
      };
    case 'uk':
      return { language: { value: 'uk-UA' } };
    case 'ru':
      return { language: { value: 'ru-RU' } };
    default:
      return assertNever(language, 'Unknown language');
  }
}

/** Whether XML 1.0 allows a code point in text (its `Char` production). */
function isXmlCharacter(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

/**
 * Removes characters XML 1.0 cannot hold.
 *
 * Word refuses to open a file with a control character or a lone surrogate
 * in it, and pasted text sometimes carries one; a tab is kept as a space.
 * (Iterating a string yields code points, so a lone surrogate arrives alone.)
 */
function xmlSafe(text: string): string {
  return Array.from(text.replace(/\t/gu, ' '))
    .filter((character) => isXmlCharacter(character.codePointAt(0) ?? 0))
    .join('');
}

function runs(lines: ReadonlyArray<string>, properties: LanguageRunProperties): TextRun[] {
  // `break: 1` writes a <w:br/> before the run's text: one line break per typed one.
  return lines.map(
    (line, index) => new TextRun({ text: xmlSafe(line), ...properties, ...(index > 0 ? { break: 1 } : {}) }),
  );
}

function paragraph(block: DocumentBlock, headlineNumber: number, properties: LanguageRunProperties): Paragraph {
  switch (block.kind) {
    case 'headline':
      return new Paragraph({
        heading: headlineNumber === 1 ? HeadingLevel.TITLE : HeadingLevel.HEADING_1,
        children: runs(block.lines, properties),
      });
    case 'paragraph':
      return new Paragraph({ children: runs(block.lines, properties) });
    default:
      return assertNever(block.kind, 'Unknown block kind');
  }
}

/**
 * Writes a document in one language as a Word document.
 *
 * The first headline is a Title paragraph and later ones Heading 1; each
 * paragraph (each cue of a transcript) is a Normal paragraph. The language is
 * set both on every run and in the document defaults, so text the client
 * types in Word later is checked in the same language. Only `word/document.xml`
 * is reproducible: docx stamps the package with the time it was written.
 */
export async function toDocx(
  document: SubrelayDocument,
  language: Language,
  options: DocxOptions = {},
): Promise<Uint8Array> {
  const properties = languageRunProperties(language);
  const creator = options.creator ?? 'Subrelay';
  let headlines = 0;
  const children = documentBlocks(document, language).map((block) => {
    if (block.kind === 'headline') headlines += 1;
    return paragraph(block, headlines, properties);
  });
  const file = new Document({
    title: document.title,
    creator,
    lastModifiedBy: creator,
    styles: { default: { document: { run: properties } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}
