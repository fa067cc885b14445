import { EXPORT_FORMAT_NAMES } from '../model/project';
import { FORMAT_CATALOG, type FormatDescription } from './catalog';
import { assFormat } from './ass/format';
import { docxFormat } from './docx/format';
import { dubCsvFormat, dubHtmlFormat } from './dub/format';
import type { FormatCode } from './entry';
import { mdFormat } from './markdown/format';
import { reviewCsvFormat, reviewHtmlFormat } from './review/format';
import { sbvFormat } from './sbv/format';
import { srtBilingualFormat, srtFormat } from './srt/format';
import { stlFormat } from './stl/format';
import { txtFormat } from './text/format';
import { tmxFormat } from './tmx/format';
import { ttmlFormat } from './ttml/format';
import type { ExportFormat, FileFormatId } from './types';
import { vttFormat } from './vtt/format';
import { xliff12Format, xliff2Format } from './xliff/format';

/** One format: what the catalog says of it, and its code. */
export type FormatEntry = FormatDescription & FormatCode;

/** Each format's code, by id; the record type makes a missing one a type error. */
const CODE: Readonly<Record<FileFormatId, FormatCode>> = {
  srt: srtFormat,
  vtt: vttFormat,
  'srt-bilingual': srtBilingualFormat,
  ttml: ttmlFormat,
  ass: assFormat,
  sbv: sbvFormat,
  stl: stlFormat,
  txt: txtFormat,
  md: mdFormat,
  docx: docxFormat,
  'dub-csv': dubCsvFormat,
  'dub-html': dubHtmlFormat,
  'review-html': reviewHtmlFormat,
  'review-csv': reviewCsvFormat,
  xliff2: xliff2Format,
  xliff12: xliff12Format,
  tmx: tmxFormat,
};

/** Every format, in the catalog's order. */
export const FORMATS: ReadonlyArray<FormatEntry> = FORMAT_CATALOG.map((description) => ({
  ...description,
  ...CODE[description.id],
}));

/** Every value of `--format`: `auto`, then the registry's formats. */
export const EXPORT_FORMATS: ReadonlyArray<ExportFormat> = EXPORT_FORMAT_NAMES;

/** The registry entry of a format id. */
export function formatEntry(id: FileFormatId): FormatEntry {
  const entry = FORMATS.find((format) => format.id === id);
  if (entry === undefined) throw new Error(`No format "${id}" in the registry`);
  return entry;
}
