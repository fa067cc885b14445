import type { FileFormatId } from './types';

/** Where the Export dialog lists a format: by what a translation desk ships. */
export type FormatGroup = 'subtitles' | 'documents' | 'dubbing' | 'review' | 'interchange';

/** The export options a format reads; the CLI's help and the Export dialog show only these. */
export type FormatOption =
  'lineEnding' | 'bom' | 'secondLanguage' | 'sourceLanguage' | 'reviewFilters' | 'speakingTime';

/**
 * What is known about a format without loading its reader or writer.
 *
 * The Export dialog and the CLI's lists read these, so the renderer does not
 * bundle every writer to draw a menu. `registry.ts` joins each with its code.
 */
export interface FormatDescription {
  readonly id: FileFormatId;
  /** File name endings, the written one first (`srt`, `dub.csv`); import recognises all of them. */
  readonly extensions: ReadonlyArray<string>;
  /** `transcript`: only timed documents; `any`: articles too. */
  readonly documents: 'transcript' | 'any';
  readonly group: FormatGroup;
  readonly options: ReadonlyArray<FormatOption>;
  /** Whether Subrelay reads this format back (`subrelay import`, `convert`, the Import dialog). */
  readonly readable: boolean;
  /** A cue format `subrelay convert --to` can write from any subtitle file. */
  readonly convertible: boolean;
  /** One line for `subrelay --help`. */
  readonly summary: string;
}

/**
 * Every format Subrelay writes, in the order the CLI and the dialog list them.
 *
 * Adding a format: a folder `src/formats/<id>/` with its reader and writer,
 * its id in `EXPORT_FORMAT_NAMES` (the project file remembers the last
 * choice), one line here and one entry in `registry.ts`.
 */
export const FORMAT_CATALOG: ReadonlyArray<FormatDescription> = [
  {
    id: 'srt',
    extensions: ['srt'],
    documents: 'transcript',
    group: 'subtitles',
    options: ['lineEnding', 'bom'],
    readable: true,
    convertible: true,
    summary: 'SubRip subtitles',
  },
  {
    id: 'vtt',
    extensions: ['vtt'],
    documents: 'transcript',
    group: 'subtitles',
    options: ['lineEnding', 'bom'],
    readable: true,
    convertible: true,
    summary: 'WebVTT subtitles',
  },
  {
    id: 'srt-bilingual',
    extensions: ['srt'],
    documents: 'transcript',
    group: 'subtitles',
    options: ['lineEnding', 'bom', 'secondLanguage'],
    readable: false,
    convertible: false,
    summary: '<document>.<lang>+<second>.srt, --second under each cue (English by default; Korean under English)',
  },
  {
    id: 'ttml',
    extensions: ['ttml', 'dfxp', 'xml'],
    documents: 'transcript',
    group: 'subtitles',
    options: ['lineEnding', 'bom'],
    readable: true,
    convertible: true,
    summary: 'TTML, IMSC 1.1 Text Profile (Netflix and broadcasters), xml:lang and the project frame rate',
  },
  {
    id: 'ass',
    extensions: ['ass', 'ssa'],
    documents: 'transcript',
    group: 'subtitles',
    options: ['lineEnding', 'bom'],
    readable: true,
    convertible: true,
    summary: 'Advanced SubStation Alpha (Aegisub, libass), one style per language',
  },
  {
    id: 'sbv',
    extensions: ['sbv'],
    documents: 'transcript',
    group: 'subtitles',
    options: ['lineEnding', 'bom'],
    readable: true,
    convertible: true,
    summary: 'YouTube SubViewer captions',
  },
  {
    id: 'stl',
    extensions: ['stl'],
    documents: 'transcript',
    group: 'subtitles',
    options: [],
    readable: false,
    convertible: false,
    summary: 'EBU STL Teletext subtitles (European broadcasters); not Korean, which its character tables cannot hold',
  },
  {
    id: 'txt',
    extensions: ['txt'],
    documents: 'any',
    group: 'documents',
    options: [],
    readable: false,
    convertible: false,
    summary: 'localized plain text, paragraphs as in the source',
  },
  {
    id: 'md',
    extensions: ['md'],
    documents: 'any',
    group: 'documents',
    options: [],
    readable: false,
    convertible: false,
    summary: 'Markdown, headline as "#"',
  },
  {
    id: 'docx',
    extensions: ['docx'],
    documents: 'any',
    group: 'documents',
    options: [],
    readable: false,
    convertible: false,
    summary: 'Word document, headline as a Title paragraph',
  },
  {
    id: 'dub-csv',
    extensions: ['dub.csv'],
    documents: 'transcript',
    group: 'dubbing',
    options: ['speakingTime'],
    readable: false,
    convertible: false,
    summary:
      'dubbing script <document>.<lang>.dub.csv with timecodes, slot, speaking time and a fit flag; --speaking-time espeak measures lines with espeak-ng',
  },
  {
    id: 'dub-html',
    extensions: ['dub.html'],
    documents: 'transcript',
    group: 'dubbing',
    options: ['speakingTime'],
    readable: false,
    convertible: false,
    summary: 'the dubbing script as a printable page',
  },
  {
    id: 'review-html',
    extensions: ['review.html'],
    documents: 'any',
    group: 'review',
    options: ['reviewFilters'],
    readable: false,
    convertible: false,
    summary:
      '<document>.<lang+lang...>.review.html, one column per language; --only-findings, --status draft,translated',
  },
  {
    id: 'review-csv',
    extensions: ['review.csv'],
    documents: 'any',
    group: 'review',
    options: ['reviewFilters'],
    readable: false,
    convertible: false,
    summary: 'the review table as CSV',
  },
  {
    id: 'xliff2',
    extensions: ['xlf'],
    documents: 'any',
    group: 'interchange',
    options: ['sourceLanguage'],
    readable: true,
    convertible: false,
    summary: '<document>.<source>-<lang>.xlf, XLIFF 2.0, for each language but --source',
  },
  {
    id: 'xliff12',
    extensions: ['xliff'],
    documents: 'any',
    group: 'interchange',
    options: ['sourceLanguage'],
    readable: true,
    convertible: false,
    summary: '<document>.<source>-<lang>.xliff, XLIFF 1.2',
  },
  {
    id: 'tmx',
    extensions: ['tmx'],
    documents: 'any',
    group: 'interchange',
    options: [],
    readable: false,
    convertible: false,
    summary: '<document>.<lang+lang...>.tmx, TMX 1.4, translated or better',
  },
];

/** The catalog entry of a format id; every id has one (checked by the tests). */
export function describeFormat(id: FileFormatId): FormatDescription {
  const found = FORMAT_CATALOG.find((format) => format.id === id);
  if (found === undefined) throw new Error(`No format "${id}" in the catalog`);
  return found;
}
