import type { Language } from '../languages';
import type { Segment, SubrelayDocument } from '../model/project';
import { changedPositions } from '../model/segmentIndex';
import type { SubtitleRules } from '../subtitles/rules';
import { extractNumbers, sameNumbers } from '../text/numbers';
import {
  LANGUAGE_NAMES,
  beginCheck,
  cueOwnFindings,
  finding,
  pairFinding,
  remembered,
  type QaCache,
  type QaFinding,
} from './qa';

/**
 * One row's findings in one language, in two groups: those of its cue (its
 * own, then the gap or overlap with the cue before) and those the transcript
 * adds after the cue checks (a row without times, numbers that differ from
 * the source). A document's list is both groups merged by cue number, as a
 * check of the whole transcript has always ordered them.
 */
interface CellFindings {
  readonly cue: ReadonlyArray<QaFinding>;
  readonly later: ReadonlyArray<QaFinding>;
}

interface RowFindings {
  readonly cells: Readonly<Partial<Record<Language, CellFindings>>>;
  readonly count: number;
}

const NO_ROW: RowFindings = { cells: {}, count: 0 };
const NONE: ReadonlyArray<QaFinding> = [];

/** Where a row stands among the cues: its cue number, or the number of the cue that follows it (no times). */
interface Place {
  /** Cue number (1-based) of a timed row; the next cue's number for a row without times; 0 when excluded. */
  readonly number: number;
  readonly timed: boolean;
}

/** What the check depends on besides the rows; any change of these checks the whole transcript again. */
interface CheckKey {
  readonly languages: ReadonlyArray<Language>;
  readonly rules: SubtitleRules;
  readonly frameRate: number;
  readonly source: Language;
}

/**
 * The QA findings of one version of a transcript, kept per row so that the
 * next version (one cell typed in) is checked in time proportional to what
 * changed: that row, and the cue after it for the gap between them.
 */
export interface TranscriptCheck {
  readonly segments: ReadonlyArray<Segment>;
  /** How many findings there are in all, once every row is checked (see `complete`); undefined before. */
  readonly count: number | undefined;
  /** The findings of one cell (the same array until that cell's findings change); checks its row if not yet done. */
  cell(position: number, language: Language): ReadonlyArray<QaFinding>;
  /** Every finding, by language, then cue (checks the rows not yet checked). */
  all(): ReadonlyArray<QaFinding>;
  /**
   * Checks rows not yet checked until `more()` says stop; true when every row is checked.
   * A check starts with no row checked, so that opening a long transcript
   * costs only the rows on screen, and the rest is done a slice at a time.
   */
  complete(more?: () => boolean): boolean;
}

interface CheckState extends TranscriptCheck {
  readonly key: CheckKey;
  /** Each row's findings; undefined while not yet checked. */
  readonly rows: Array<RowFindings | undefined>;
  readonly places: ReadonlyArray<Place>;
  /** Positions of the timed, included rows, in order. */
  readonly timed: ReadonlyArray<number>;
  readonly cache: QaCache | undefined;
  /** Findings in the checked rows, and how many rows are not checked yet. */
  readonly tally: { found: number; unchecked: number; next: number };
}

/** The language a gap or an overlap is reported in: it is one timing problem, not one per language. */
function timingLanguage(key: CheckKey): Language | undefined {
  return key.languages.includes(key.source) ? key.source : key.languages[0];
}

function placesOf(segments: ReadonlyArray<Segment>): { places: Place[]; timed: number[] } {
  const places: Place[] = [];
  const timed: number[] = [];
  for (const [position, segment] of segments.entries()) {
    if (segment.excluded === true) {
      places.push({ number: 0, timed: false });
    } else if (segment.start !== undefined && segment.end !== undefined) {
      timed.push(position);
      places.push({ number: timed.length, timed: true });
    } else {
      places.push({ number: timed.length + 1, timed: false });
    }
  }
  return { places, timed };
}

/** The findings of the row at `position` (see `checkTranscript` for the rules). */
function checkRow(
  segments: ReadonlyArray<Segment>,
  position: number,
  place: Place,
  previousTimed: Segment | undefined,
  key: CheckKey,
  cache: QaCache | undefined,
): RowFindings {
  const segment = segments[position];
  if (segment === undefined || place.number === 0) return NO_ROW;
  const cells: Partial<Record<Language, CellFindings>> = {};
  let count = 0;
  const { number } = place;
  const pairLanguage = timingLanguage(key);
  for (const language of key.languages) {
    if (!place.timed) {
      const untimed = finding(
        number,
        segment.id,
        language,
        'min-duration',
        `segment ${segment.id} has no times, so it cannot become a subtitle`,
        { cue: number, segment: segment.id },
      );
      cells[language] = { cue: NONE, later: [untimed] };
      count += 1;
      continue;
    }
    const cue = {
      start: segment.start ?? 0,
      end: segment.end ?? 0,
      text: segment.texts[language],
      segmentId: segment.id,
    };
    const own: QaFinding[] = cueOwnFindings(cue, language, key.rules, true, cache).map((item) =>
      finding(number, segment.id, language, item.rule, item.message, { cue: number, ...item.params }),
    );
    if (previousTimed !== undefined && language === pairLanguage) {
      const pair = pairFinding({ end: previousTimed.end ?? 0 }, cue, number, language, key.rules, key.frameRate);
      if (pair !== undefined) own.push(pair);
    }
    const later: QaFinding[] = [];
    const source = key.source;
    const sourceText = segment.texts[source];
    if (language !== source && sourceText.trim() !== '') {
      const text = segment.texts[language];
      if (text.trim() === '') {
        const missing = finding(
          number,
          segment.id,
          language,
          'missing-translation',
          `the ${LANGUAGE_NAMES[language]} translation is missing`,
          { cue: number, source: LANGUAGE_NAMES[source] },
        );
        // An empty translation beside source text is a missing translation, not an empty cue.
        const index = own.findIndex((item) => item.rule === 'empty');
        if (index >= 0) own.splice(index, 1, missing);
        else later.push(missing);
      } else {
        const mismatch = remembered(cache, `n|${source}|${language}|${sourceText}\u0000${text}`, () => {
          const expected = extractNumbers(sourceText, source);
          const found = extractNumbers(text, language);
          if (sameNumbers(expected, found)) return [];
          const list = (values: ReadonlyArray<number>): string => (values.length === 0 ? 'none' : values.join(', '));
          return [
            {
              rule: 'number-mismatch',
              message: `numbers differ from the ${LANGUAGE_NAMES[source]}: ${list(expected)} there, ${list(found)} here`,
              params: { source: LANGUAGE_NAMES[source], expected: list(expected), found: list(found) },
            },
          ];
        });
        for (const item of mismatch) {
          later.push(finding(number, segment.id, language, item.rule, item.message, { cue: number, ...item.params }));
        }
      }
    }
    if (own.length > 0 || later.length > 0) {
      cells[language] = { cue: own.length > 0 ? own : NONE, later: later.length > 0 ? later : NONE };
      count += own.length + later.length;
    }
  }
  return count === 0 ? NO_ROW : { cells, count };
}

/** The timed row before the one at `position`, by the positions of the timed rows. */
function previousTimedOf(
  segments: ReadonlyArray<Segment>,
  timed: ReadonlyArray<number>,
  place: Place,
): Segment | undefined {
  if (!place.timed || place.number < 2) return undefined;
  return segments[timed[place.number - 2] ?? -1];
}

function makeCheck(
  segments: ReadonlyArray<Segment>,
  key: CheckKey,
  rows: Array<RowFindings | undefined>,
  places: ReadonlyArray<Place>,
  timed: ReadonlyArray<number>,
  cache: QaCache | undefined,
  tally: { found: number; unchecked: number; next: number },
): CheckState {
  let everything: ReadonlyArray<QaFinding> | undefined;
  const rowAt = (position: number): RowFindings | undefined => {
    const known = rows[position];
    if (known !== undefined || position < 0 || position >= segments.length) return known;
    const place = places[position] ?? { number: 0, timed: false };
    const row = checkRow(segments, position, place, previousTimedOf(segments, timed, place), key, cache);
    rows[position] = row;
    tally.found += row.count;
    tally.unchecked -= 1;
    return row;
  };
  const complete = (more: () => boolean = () => true): boolean => {
    while (tally.unchecked > 0 && more()) {
      while (tally.next < segments.length && rows[tally.next] !== undefined) tally.next++;
      if (tally.next >= segments.length) break;
      rowAt(tally.next);
    }
    return tally.unchecked === 0;
  };
  return {
    segments,
    key,
    rows,
    places,
    timed,
    cache,
    tally,
    get count() {
      return tally.unchecked === 0 ? tally.found : undefined;
    },
    cell(position, language) {
      const cell = rowAt(position)?.cells[language];
      if (cell === undefined) return NONE;
      if (cell.later.length === 0) return cell.cue;
      if (cell.cue.length === 0) return cell.later;
      return [...cell.cue, ...cell.later];
    },
    all() {
      if (everything === undefined) {
        complete();
        everything = allFindings(rows, key.languages);
      }
      return everything;
    },
    complete,
  };
}

/** Per language, the cue findings and the later ones merged by cue number (later ones after a cue's own). */
function allFindings(rows: ReadonlyArray<RowFindings | undefined>, languages: ReadonlyArray<Language>): QaFinding[] {
  const result: QaFinding[] = [];
  for (const language of languages) {
    const cue: QaFinding[] = [];
    const later: QaFinding[] = [];
    for (const row of rows) {
      const cell = row?.cells[language];
      if (cell === undefined) continue;
      cue.push(...cell.cue);
      later.push(...cell.later);
    }
    let a = 0;
    let b = 0;
    while (a < cue.length || b < later.length) {
      const next = cue[a];
      const other = later[b];
      if (next !== undefined && (other === undefined || next.cue <= other.cue)) {
        result.push(next);
        a++;
      } else if (other !== undefined) {
        result.push(other);
        b++;
      }
    }
  }
  return result;
}

function sameKey(a: CheckKey, b: CheckKey): boolean {
  return (
    a.rules === b.rules &&
    a.frameRate === b.frameRate &&
    a.source === b.source &&
    a.languages.length === b.languages.length &&
    a.languages.every((language, index) => b.languages[index] === language)
  );
}

/** At most this many changed rows are re-checked one by one; more is a new check (with the cache). */
const INCREMENTAL_LIMIT = 256;

/**
 * Checks a transcript, reusing `previous` (the check of an earlier version of
 * it) for every row that did not change.
 *
 * When the rows are the same ones in the same order and only a few changed
 * without being excluded, included, timed or untimed (typing, a time, undo of
 * either), only those rows and the cue after each are checked again, so the
 * cost does not grow with the document. Otherwise nothing is checked yet:
 * each row is checked when it is first asked for (`cell`, as the grid shows
 * it), the rest by `complete` (a slice at a time) or `all`, each cue's own
 * findings coming from `cache` when it did not change.
 */
export function checkTranscriptIncrementally(
  previous: TranscriptCheck | undefined,
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
  rules: SubtitleRules,
  frameRate: number,
  cache?: QaCache,
): TranscriptCheck {
  const key: CheckKey = { languages, rules, frameRate, source: document.sourceLanguage };
  const segments = document.segments;
  const before = previous as CheckState | undefined;
  if (before !== undefined && sameKey(before.key, key)) {
    const changed = changedPositions(before.segments, segments, INCREMENTAL_LIMIT);
    if (
      changed !== undefined &&
      changed.every((position) => samePlace(before.segments[position], segments[position]))
    ) {
      if (changed.length === 0 && before.segments === segments) return before;
      // The rows an edit changed, and the cue after each (its gap is measured from this one's end), are checked again.
      const rows = before.rows.slice();
      const tally = { ...before.tally, next: 0 };
      for (const position of changed) {
        const place = before.places[position];
        const next = place?.timed === true ? before.timed[place.number] : undefined;
        for (const stale of next === undefined ? [position] : [position, next]) {
          const row = rows[stale];
          if (row === undefined) continue;
          rows[stale] = undefined;
          tally.found -= row.count;
          tally.unchecked += 1;
        }
      }
      const check = makeCheck(segments, key, rows, before.places, before.timed, cache ?? before.cache, tally);
      // What was checked before is checked again now, so the count stays known while typing.
      for (const position of changed) {
        check.cell(position, key.languages[0] ?? 'en');
        const place = before.places[position];
        const next = place?.timed === true ? before.timed[place.number] : undefined;
        if (next !== undefined && before.rows[next] !== undefined) check.cell(next, key.languages[0] ?? 'en');
      }
      return check;
    }
  }
  if (cache !== undefined) beginCheck(cache, rules, frameRate);
  const { places, timed } = placesOf(segments);
  const rows = new Array<RowFindings | undefined>(segments.length).fill(undefined);
  return makeCheck(segments, key, rows, places, timed, cache, { found: 0, unchecked: segments.length, next: 0 });
}

/** Whether a row keeps its place among the cues (still included or excluded, still timed or untimed). */
function samePlace(a: Segment | undefined, b: Segment | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const timedA = a.start !== undefined && a.end !== undefined;
  const timedB = b.start !== undefined && b.end !== undefined;
  return (a.excluded === true) === (b.excluded === true) && timedA === timedB;
}
