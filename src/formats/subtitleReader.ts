import type { Cue } from './cue';
import { readSrt } from './srt/read';
import {
  checkNotBinary,
  excerpt,
  SubtitleParseError,
  withoutEndOfFileMark,
  type DroppedCue,
  type Fail,
  type ReadContext,
} from './subtitleText';
import { isAss, readAss, readAssScript } from './ass/ass';
import type { AssScript } from '../model/project';
import { isSbv, readSbv } from './sbv/sbv';
import { isTtml, readTtml } from './ttml/ttml';
import { isWebVtt, readVtt } from './vtt/read';

export { SubtitleParseError, type DroppedCue } from './subtitleText';

/** The subtitle formats Subrelay reads. */
export type SubtitleFormat = 'srt' | 'vtt' | 'ttml' | 'ass' | 'sbv';

const SUBTITLE_FORMATS: ReadonlyArray<SubtitleFormat> = ['srt', 'vtt', 'ttml', 'ass', 'sbv'];

/** Each format's reader, given the text (BOM and end-of-file mark removed) and its lines. */
const READERS: Readonly<
  Record<SubtitleFormat, (text: string, lines: ReadonlyArray<string>, context: ReadContext) => Cue[]>
> = {
  srt: (_text, lines, context) => readSrt(lines, context),
  vtt: (_text, lines, context) => readVtt(lines, context),
  ttml: (text, _lines, context) => readTtml(text, context),
  ass: (text, _lines, context) => readAss(text, context),
  sbv: (_text, lines, context) => readSbv(lines, context),
};

/** What a subtitle file holds once read: its format and its cues in file order. */
export interface SubtitleDocument {
  readonly format: SubtitleFormat;
  readonly cues: Cue[];
  /**
   * Cues left out because they could not be read, with the line and the
   * reason, as browsers leave out a malformed WebVTT cue and play the rest.
   * Whoever reads a file for the user shows these.
   */
  readonly dropped: ReadonlyArray<DroppedCue>;
  /** ASS/SSA: the script info and styles, kept in the project so an ASS export writes them back. */
  readonly assScript?: AssScript | undefined;
}

export interface ParseSubtitlesOptions {
  /** `auto` (the default) reads WebVTT when the text starts with a `WEBVTT` line, SRT otherwise. */
  readonly format?: SubtitleFormat | 'auto' | undefined;
  /** Named at the start of error messages, so the translator knows which file is broken. */
  readonly file?: string | undefined;
  /**
   * Keeps the cue text exactly as written: tags, `{\an8}` codes and WebVTT
   * character references. By default tags and codes are removed and WebVTT
   * references are decoded, which gives the plain text a translator edits.
   */
  readonly keepTags?: boolean | undefined;
}

/**
 * Reads an SRT or WebVTT file into cues (times in ms, text lines joined with "\n").
 *
 * Reads the quirks of files found in the wild: missing index numbers, a dot
 * or a comma before the milliseconds in either format, 1–2 digit or missing
 * hours, extra or missing blank lines, CRLF, CR or LF, a byte order mark,
 * positions or cue settings after the times, WebVTT NOTE/STYLE/REGION blocks
 * and cue identifiers. Markup is removed unless `keepTags` is set.
 *
 * Throws `SubtitleParseError` (and nothing else, whatever it is given) for
 * an empty file, binary data, a bad timestamp, a cue that ends before it
 * starts and text without any cue. Runs in time linear in the text.
 */
export function parseSubtitles(text: string, options: ParseSubtitlesOptions = {}): SubtitleDocument {
  const file = typeof options?.file === 'string' ? options.file : undefined;
  const fail: Fail = (line, problem) => {
    throw new SubtitleParseError(line, problem, file);
  };
  if (typeof text !== 'string') return fail(1, `expected subtitle text, got ${text === null ? 'null' : typeof text}`);
  const requested: unknown = options?.format ?? 'auto';
  const known = SUBTITLE_FORMATS.find((format) => format === requested);
  if (requested !== 'auto' && known === undefined) {
    const shown = typeof requested === 'string' ? `"${excerpt(requested)}"` : `of type ${typeof requested}`;
    return fail(1, `unknown subtitle format ${shown} (expected "auto", "${SUBTITLE_FORMATS.join('", "')}")`);
  }
  const keepTags = options?.keepTags === true;
  const body = withoutEndOfFileMark(text.replace(/^\uFEFF/u, ''));
  if (body.trim() === '') return fail(1, 'the file is empty');
  checkNotBinary(body, fail);
  const format = known ?? detectSubtitleFormat(body);
  const lines = body.split(/\r\n|\r|\n/u);
  const dropped: DroppedCue[] = [];
  const context = { keepTags, fail, drop: (line: number, problem: string) => void dropped.push({ line, problem }) };
  const cues = READERS[format](body, lines, context);
  if (cues.length === 0) {
    const first = dropped[0];
    if (first !== undefined) return fail(first.line, first.problem);
    return fail(1, `no subtitle cues found (no time line like "00:00:01,000 --> 00:00:02,000")`);
  }
  const assScript = format === 'ass' ? readAssScript(body) : undefined;
  return { format, cues, dropped, ...(assScript !== undefined ? { assScript } : {}) };
}

/**
 * Tells the format of a subtitle file by how it starts.
 *
 * WebVTT by its signature, TTML by its `<tt>` root, ASS/SSA by
 * `[Script Info]`, SBV by its first time line; everything else is read as
 * SRT, the far more common format without any header.
 */
export function detectSubtitleFormat(text: string): SubtitleFormat {
  if (isWebVtt(text)) return 'vtt';
  if (isTtml(text)) return 'ttml';
  if (isAss(text)) return 'ass';
  if (isSbv(text)) return 'sbv';
  return 'srt';
}
