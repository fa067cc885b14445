import type { Language } from '../languages';
import type { SubrelayDocument } from '../model/project';
import { breakLines } from '../subtitles/lineBreak';
import { lineLength, meetsMinimumGap, minimumGapMs, readingSpeed, type SubtitleRules } from '../subtitles/rules';
import { checkTranscriptIncrementally } from './transcriptCheck';

export type QaRuleId =
  | 'line-length'
  | 'lines'
  | 'cps'
  | 'min-duration'
  | 'max-duration'
  | 'gap'
  | 'overlap'
  | 'missing-translation'
  | 'number-mismatch'
  | 'empty';

export type QaSeverity = 'error' | 'warning';

/** One problem with one cue in one language. */
export interface QaFinding {
  /** 1-based among the cues checked. */
  readonly cue: number;
  readonly segmentId?: string | undefined;
  readonly language: Language;
  readonly rule: QaRuleId;
  readonly severity: QaSeverity;
  /** English, one line, starting with "cue N:". */
  readonly message: string;
  /** The values in the message, for translated messages in the UI. */
  readonly params: Readonly<Record<string, string | number>>;
}

export interface QaCue {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly segmentId?: string | undefined;
}

export interface QaOptions {
  /** Check the text as the exporter wraps it (`breakLines`) rather than as typed; default true. */
  readonly breakLines?: boolean;
  /** Keeps each cue's own findings between checks (see `createQaCache`). */
  readonly cache?: QaCache | undefined;
}

/** A cue's findings that depend on the cue alone, without its number. */
export interface OwnFinding {
  readonly rule: QaRuleId;
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * What one check of a document learnt about each cue on its own, for the next check.
 *
 * A cue's own findings (its text, lines, reading speed, duration, and whether
 * its translation or numbers are missing) depend only on the cue, its
 * language and the rules, so the next check of the same document, after one
 * cell was typed in, reuses all of them but that cell's; only gaps and
 * overlaps are measured again, against the cue before. Two generations are
 * kept (the last check's and this one's), so the cache holds only what the
 * document still has.
 */
export interface QaCache {
  rules: SubtitleRules | undefined;
  frameRate: number;
  current: Map<string, ReadonlyArray<OwnFinding>>;
  previous: Map<string, ReadonlyArray<OwnFinding>>;
}

export function createQaCache(): QaCache {
  return { rules: undefined, frameRate: 0, current: new Map(), previous: new Map() };
}

/** Starts a check with `cache`: drops what other rules or frame rates found, and ages the last check's findings. */
export function beginCheck(cache: QaCache, rules: SubtitleRules, frameRate: number): void {
  if (cache.rules !== rules || cache.frameRate !== frameRate) {
    cache.rules = rules;
    cache.frameRate = frameRate;
    cache.previous = new Map();
  } else {
    cache.previous = cache.current;
  }
  cache.current = new Map();
}

export function remembered(
  cache: QaCache | undefined,
  key: string,
  work: () => ReadonlyArray<OwnFinding>,
): ReadonlyArray<OwnFinding> {
  if (cache === undefined) return work();
  const known = cache.current.get(key) ?? cache.previous.get(key) ?? work();
  cache.current.set(key, known);
  return known;
}

/**
 * How serious each rule is.
 *
 * Errors are what a broadcaster's QC rejects or what makes a subtitle wrong or
 * unreadable on screen: a line over the limit, too many lines, overlapping or
 * empty cues, a missing translation, a cue too short to be read at all.
 * Warnings ask for a look: reading speed may still be flagged after a good
 * translation (that is the translator's call: condense or accept), a long cue
 * or a short gap is a timing choice, and a number mismatch may be a legitimate
 * rewording ("twice" for "two times" is read, "a dozen" is not).
 */
export const QA_SEVERITY: Readonly<Record<QaRuleId, QaSeverity>> = {
  'line-length': 'error',
  lines: 'error',
  cps: 'warning',
  'min-duration': 'error',
  'max-duration': 'warning',
  gap: 'warning',
  overlap: 'error',
  'missing-translation': 'error',
  'number-mismatch': 'warning',
  empty: 'error',
};

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  ko: 'Korean',
  uk: 'Ukrainian',
  ru: 'Russian',
};

export function finding(
  cue: number,
  segmentId: string | undefined,
  language: Language,
  rule: QaRuleId,
  message: string,
  params: Readonly<Record<string, string | number>>,
): QaFinding {
  return { cue, segmentId, language, rule, severity: QA_SEVERITY[rule], message: `cue ${cue}: ${message}`, params };
}

/** Up to two decimals, without trailing zeros: 17.5, 21.33, 42. */
function format(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : 'infinite';
}

function seconds(milliseconds: number): string {
  return `${format(milliseconds / 1000)} s`;
}

/**
 * Checks cues in one language against the subtitle rules.
 *
 * Cues are checked in the order given and numbered from 1. The text is checked
 * as `breakLines` would wrap it unless `options.breakLines` is false, so a
 * long single line that the exporter will wrap is not an error, but one that
 * cannot be wrapped within the limits is. Gaps and overlaps are measured
 * against the cue before; gaps count whole frames (see `meetsMinimumGap`).
 */
export function checkCues(
  cues: ReadonlyArray<QaCue>,
  language: Language,
  rules: SubtitleRules,
  frameRate: number,
  options: QaOptions = {},
): QaFinding[] {
  const findings: QaFinding[] = [];
  const wrap = options.breakLines ?? true;
  cues.forEach((cue, index) => {
    const number = index + 1;
    for (const item of cueOwnFindings(cue, language, rules, wrap, options.cache)) {
      findings.push(finding(number, cue.segmentId, language, item.rule, item.message, { cue: number, ...item.params }));
    }
    const previous = cues[index - 1];
    const pair = previous === undefined ? undefined : pairFinding(previous, cue, number, language, rules, frameRate);
    if (pair !== undefined) findings.push(pair);
  });
  return findings;
}

/** A cue's findings that depend on it alone (text, lines, reading speed, duration), remembered in `cache`. */
export function cueOwnFindings(
  cue: QaCue,
  language: Language,
  rules: SubtitleRules,
  wrap: boolean,
  cache: QaCache | undefined,
): ReadonlyArray<OwnFinding> {
  const limits = rules.languages[language];
  const duration = cue.end - cue.start;
  return remembered(cache, `c|${language}|${wrap ? 1 : 0}|${cue.start}|${cue.end}|${cue.text}`, () => {
    const found: OwnFinding[] = [];
    const note = (rule: QaRuleId, message: string, params: Readonly<Record<string, string | number>>): void => {
      found.push({ rule, message, params });
    };
    if (cue.text.trim() === '') {
      note('empty', 'has no text', {});
    } else {
      const text = wrap
        ? breakLines(cue.text, language, { maxLineLength: limits.maxLineLength, maxLines: rules.maxLines })
        : cue.text;
      const lines = text.split(/\r\n|\r|\n/u).filter((line) => line.trim() !== '');
      if (lines.length > rules.maxLines) {
        note('lines', `has ${lines.length} lines (limit ${rules.maxLines})`, {
          lines: lines.length,
          limit: rules.maxLines,
        });
      }
      lines.forEach((line, lineIndex) => {
        const length = lineLength(line.trim(), language);
        if (length > limits.maxLineLength) {
          note('line-length', `line ${lineIndex + 1} is ${format(length)} characters (limit ${limits.maxLineLength})`, {
            line: lineIndex + 1,
            length,
            limit: limits.maxLineLength,
          });
        }
      });
      const speed = readingSpeed(cue.text, duration);
      if (speed > limits.maxCps) {
        note('cps', `reading speed is ${format(speed)} characters per second (limit ${limits.maxCps})`, {
          cps: Number.isFinite(speed) ? Math.round(speed * 100) / 100 : 'infinite',
          limit: limits.maxCps,
        });
      }
    }
    if (duration <= 0) {
      note('min-duration', `ends at or before its start (${seconds(cue.start)} to ${seconds(cue.end)})`, {
        duration,
        limit: rules.minDurationMs,
      });
    } else if (duration < rules.minDurationMs) {
      note('min-duration', `lasts ${seconds(duration)} (minimum ${seconds(rules.minDurationMs)})`, {
        duration,
        limit: rules.minDurationMs,
      });
    } else if (duration > rules.maxDurationMs) {
      note('max-duration', `lasts ${seconds(duration)} (maximum ${seconds(rules.maxDurationMs)})`, {
        duration,
        limit: rules.maxDurationMs,
      });
    }
    return found;
  });
}

/** The overlap with, or too short a gap after, the cue before (numbered `number - 1`), if any. */
export function pairFinding(
  previous: { readonly end: number },
  cue: QaCue,
  number: number,
  language: Language,
  rules: SubtitleRules,
  frameRate: number,
): QaFinding | undefined {
  const gap = cue.start - previous.end;
  const before = number - 1;
  if (gap < 0) {
    return finding(number, cue.segmentId, language, 'overlap', `overlaps cue ${before} by ${format(-gap)} ms`, {
      cue: number,
      previous: before,
      overlap: -gap,
    });
  }
  if (meetsMinimumGap(gap, rules, frameRate)) return undefined;
  const minimum = minimumGapMs(rules, frameRate);
  return finding(
    number,
    cue.segmentId,
    language,
    'gap',
    `starts ${format(gap)} ms after cue ${before} (minimum ${rules.minGapFrames} frames = ${minimum} ms)`,
    { cue: number, previous: before, gap, frames: rules.minGapFrames, limit: minimum },
  );
}

/**
 * Checks a transcript's cues in the given languages, as they will be exported.
 *
 * Excluded segments are skipped entirely. A segment without a start and an
 * end cannot become a subtitle: it is reported once per language as a
 * 'min-duration' error saying it has no times, numbered like the cue that
 * follows it, and no other rule is checked for it (its text is checked once
 * it is timed). Cue numbers count the included, timed segments in order, as
 * the exported file will.
 *
 * A gap or an overlap between two cues is one timing problem, reported once
 * (in the source language, or the first language checked when the source
 * is not among them), not once per language.
 *
 * In a language other than the document's source language, an empty cell
 * beside source text is a 'missing-translation' (rather than 'empty'), and a
 * cell whose numbers differ from the source's is a 'number-mismatch'.
 */
export function checkTranscript(
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
  rules: SubtitleRules,
  frameRate: number,
  /** Reuses each cue's own findings from the last check (the grid checks on every edit). */
  cache?: QaCache,
): QaFinding[] {
  return [...checkTranscriptIncrementally(undefined, document, languages, rules, frameRate, cache).all()];
}
