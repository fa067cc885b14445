import { assertNever, type Language } from '../../languages';
import { cueLines, type Cue } from '../cue';
import { FormatRefusal } from '../entry';

export interface StlOptions {
  readonly language: Language;
  /** The programme's frame rate; EBU STL has 25 and 30 fps, so the nearer one is used. */
  readonly frameRate: number;
  /**
   * The creation and revision date written into the header (`YYMMDD`, the
   * calendar date where the export runs): the export's time, which the shell
   * passes. Without one the header says 1970-01-01.
   */
  readonly date?: Date | undefined;
  /** Told of each cue (0-based) with letters the code table lacks and that were written as others (Ґ as Г). */
  readonly onReplaced?: ((cue: number, characters: string, writtenAs: string) => void) | undefined;
}

/** The EBU language codes (Tech 3264, Appendix 3). */
function languageCode(language: Language): string {
  switch (language) {
    case 'en':
      return '09';
    case 'uk':
      return '49';
    case 'ru':
      return '56';
    case 'ko':
      return '65';
    default:
      return assertNever(language, 'Unknown language');
  }
}

/** The character code table (`CCT`) a language needs: `00` Latin (ISO 6937), `01` Latin/Cyrillic (ISO 8859-5). */
type CodeTable = '00' | '01';

/** ISO 6937 diacritics: the non-spacing prefix byte written before a base letter. */
const ISO_6937_DIACRITICS: Readonly<Record<string, number>> = {
  '\u0300': 0xc1,
  '\u0301': 0xc2,
  '\u0302': 0xc3,
  '\u0303': 0xc4,
  '\u0304': 0xc5,
  '\u0306': 0xc6,
  '\u0307': 0xc7,
  '\u0308': 0xc8,
  '\u030A': 0xca,
  '\u0327': 0xcb,
  '\u030B': 0xcd,
  '\u0328': 0xce,
  '\u030C': 0xcf,
};

/** Punctuation both tables lack, written as what a Teletext screen can show. */
const FALLBACKS: Readonly<Record<string, string>> = {
  '\u2026': '...',
  '\u2013': '-',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u201E': '"',
  '\u2116': 'N',
};

/**
 * Letters a code table lacks, written as the nearest it has, with a warning.
 *
 * ISO 8859-5 has no Ґ (EBU Tech 3264 offers no other table with Cyrillic),
 * and Ukrainian typesetting's own fallback is Г; the export names each cue
 * where it happened so the translator can check it.
 */
const LETTER_FALLBACKS: Readonly<Record<string, string>> = {
  '\u0490': '\u0413',
  '\u0491': '\u0433',
};

const ISO_6937_SPECIALS: Readonly<Record<string, number>> = {
  '\u00A0': 0xa0,
  '\u2018': 0xa9,
  '\u201C': 0xaa,
  '\u2019': 0xb9,
  '\u201D': 0xba,
  '\u2014': 0xd0,
};

/** ISO 8859-5 for a Cyrillic letter or sign; undefined where it has none. */
function iso88595(character: string): number | undefined {
  const code = character.codePointAt(0) ?? 0;
  if (code >= 0x0410 && code <= 0x044f) return code - 0x0410 + 0xb0;
  if (code >= 0x0401 && code <= 0x040c) return code - 0x0401 + 0xa1;
  if (code >= 0x040e && code <= 0x040f) return code - 0x040e + 0xae;
  if (code >= 0x0451 && code <= 0x045c) return code - 0x0451 + 0xf1;
  if (code >= 0x045e && code <= 0x045f) return code - 0x045e + 0xfe;
  if (code === 0x00a0) return 0xa0;
  if (code === 0x2116) return 0xf0;
  return undefined;
}

/**
 * One line of text in the language's code table, or undefined if a letter has no code there.
 *
 * Quotes, dashes and the ellipsis that a table lacks become ASCII; a letter
 * that cannot be written is refused rather than turned into mojibake.
 */
function encodeLine(line: string, table: CodeTable, replaced: Set<string>): number[] | undefined {
  const bytes: number[] = [];
  for (const original of line) {
    const letter = table === '01' ? LETTER_FALLBACKS[original] : undefined;
    if (letter !== undefined) replaced.add(original);
    const character = letter ?? FALLBACKS[original] ?? original;
    if (character.length > 1 && !/^\p{L}$/u.test(character)) {
      for (const part of character) bytes.push(part.charCodeAt(0));
      continue;
    }
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) {
      bytes.push(code);
      continue;
    }
    if (table === '01') {
      const byte = iso88595(character);
      if (byte === undefined) {
        if (/\p{L}/u.test(character)) return undefined;
        bytes.push(
          ...(/[\u2018\u2019]/u.test(character) ? [0x27] : /[\u201C\u201D]/u.test(character) ? [0x22] : [0x3f]),
        );
      } else {
        bytes.push(byte);
      }
      continue;
    }
    const special = ISO_6937_SPECIALS[character];
    if (special !== undefined) {
      bytes.push(special);
      continue;
    }
    const [base = '', mark = '', extra] = Array.from(character.normalize('NFD'));
    const prefix = ISO_6937_DIACRITICS[mark];
    if (extra === undefined && prefix !== undefined && /^[A-Za-z]$/u.test(base)) {
      bytes.push(prefix, base.charCodeAt(0));
      continue;
    }
    if (/\p{L}/u.test(character)) return undefined;
    bytes.push(0x3f);
  }
  return bytes;
}

function ascii(text: string, length: number): number[] {
  return Array.from(text.padEnd(length, ' ').slice(0, length), (character) => character.charCodeAt(0) & 0x7f);
}

/** The General Subtitle Information block: 1024 bytes of fixed-width ASCII fields. */
function gsiBlock(options: {
  readonly frames: 25 | 30;
  readonly table: CodeTable;
  readonly language: Language;
  readonly blocks: number;
  readonly subtitles: number;
  readonly date: string;
}): number[] {
  const number = (value: number, width: number): string => String(value).padStart(width, '0');
  const fields: [string, number][] = [
    ['850', 3], // CPN: code page of the GSI block
    [`STL${options.frames}.01`, 8], // DFC
    ['1', 1], // DSC: Level-1 Teletext
    [options.table, 2], // CCT
    [languageCode(options.language), 2], // LC
    ['', 32], // OPT
    ['', 32], // OET
    ['', 32], // TPT
    ['', 32], // TET
    ['', 32], // TN
    ['', 32], // TCD
    ['', 16], // SLR
    [options.date, 6], // CD
    [options.date, 6], // RD
    ['00', 2], // RN
    [number(options.blocks, 5), 5], // TNB
    [number(options.subtitles, 5), 5], // TNS
    ['001', 3], // TNG
    ['40', 2], // MNC: 40 characters per Teletext row
    ['23', 2], // MNR: 23 rows
    ['1', 1], // TCS: time codes are for intended use
    ['00000000', 8], // TCP
    ['00000000', 8], // TCF
    ['1', 1], // TND
    ['1', 1], // DSN
    ['', 3], // CO
    ['', 32], // PUB
    ['', 32], // EN
    ['Subrelay', 32], // ECD
    ['', 75], // spare
    ['', 576], // UDA
  ];
  const block = fields.flatMap(([value, width]) => ascii(value, width));
  if (block.length !== 1024) throw new Error(`GSI block of ${block.length} bytes`);
  return block;
}

function timecode(ms: number, frames: 25 | 30): number[] {
  const total = Math.round((ms * frames) / 1000);
  const seconds = Math.floor(total / frames);
  return [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60, total % frames];
}

/** The bytes of a Text Field: lines separated by 0x8A, in as many 112-byte TTI blocks as it takes. */
const TEXT_FIELD = 112;

/**
 * Writes cues as an EBU STL file (EBU Tech 3264): Teletext subtitles for European broadcasters.
 *
 * A GSI block with the language code and the character code table the
 * language needs (ISO 6937 for English, ISO 8859-5 for Ukrainian and
 * Russian), then one TTI block per cue (more when its text is long), centred
 * at the bottom rows, times as 25 or 30 fps time codes (whichever is nearer
 * the project's rate). Korean is refused: neither table has Hangul.
 */
export function toStl(cues: ReadonlyArray<Cue>, options: StlOptions): Uint8Array {
  if (options.language === 'ko') {
    throw new FormatRefusal(
      'language-not-supported',
      'EBU STL cannot hold Korean: its Teletext character tables (ISO 6937 and the others) have no Hangul',
    );
  }
  const table: CodeTable = options.language === 'en' ? '00' : '01';
  const frames: 25 | 30 = Math.abs(options.frameRate - 30) < Math.abs(options.frameRate - 25) ? 30 : 25;
  const blocks: number[][] = [];
  cues.forEach((cue, index) => {
    const lines = cueLines(cue.text);
    const replaced = new Set<string>();
    const encoded = lines.map((line) => encodeLine(line, table, replaced));
    if (encoded.some((line) => line === undefined)) {
      throw new FormatRefusal('language-not-supported', `cue ${index + 1} has letters EBU STL's character table lacks`);
    }
    if (replaced.size > 0) {
      const characters = [...replaced];
      options.onReplaced?.(index, characters.join(''), characters.map((c) => LETTER_FALLBACKS[c] ?? c).join(''));
    }
    const text = encoded.flatMap((line, position) => [...(position > 0 ? [0x8a] : []), ...(line ?? [])]);
    const parts: number[][] = [];
    for (let at = 0; at < Math.max(text.length, 1); at += TEXT_FIELD) parts.push(text.slice(at, at + TEXT_FIELD));
    parts.forEach((part, extension) => {
      const last = extension === parts.length - 1;
      blocks.push([
        0, // SGN
        (index + 1) & 0xff,
        ((index + 1) >> 8) & 0xff, // SN, little-endian
        last ? 0xff : extension, // EBN
        0, // CS
        ...timecode(cue.start, frames),
        ...timecode(cue.end, frames),
        Math.max(1, 22 - 2 * (lines.length - 1)), // VP: the bottom rows
        2, // JC: centred
        0, // CF
        ...part,
        ...Array.from({ length: TEXT_FIELD - part.length }, () => 0x8f),
      ]);
    });
  });
  const date = options.date ?? new Date(1970, 0, 1);
  const two = (value: number): string => String(value).padStart(2, '0');
  const stamp = `${two(date.getFullYear() % 100)}${two(date.getMonth() + 1)}${two(date.getDate())}`;
  const gsi = gsiBlock({
    frames,
    table,
    language: options.language,
    blocks: blocks.length,
    subtitles: cues.length,
    date: stamp,
  });
  return Uint8Array.from([...gsi, ...blocks.flat()]);
}
