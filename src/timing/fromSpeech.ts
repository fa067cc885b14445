import type { SubtitleRules } from '../subtitles/rules';
import type { Timed } from './timing';

/** A cue to time from the speech: its present times (if any) and how long it takes to say. */
export interface CueToTime {
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  /**
   * How long the cue takes to say, in milliseconds; only the ratios between
   * cues count (see `estimateSpeakingMs`). Zero or less counts as a little.
   */
  readonly speakingMs: number;
}

export interface SpeechTimingOptions {
  /** Minimum duration and minimum gap come from here. */
  readonly rules: Pick<SubtitleRules, 'minDurationMs' | 'minGapFrames'>;
  readonly frameRate: number;
  /**
   * Indexes of the cues to time, in any order; every cue when undefined.
   *
   * Cues left out keep their times and bound the ones around them: a run of
   * chosen cues is timed only between the timed cues before and after it.
   */
  readonly selected?: ReadonlyArray<number> | undefined;
  /** The media's length: no cue is timed past it. */
  readonly mediaEndMs?: number | undefined;
}

/** How far (ms) `snapToSpeech` looks for an onset or an offset. */
export const SNAP_DISTANCE_MS = 500;

const MIN_LENGTH_MS = 40;
/** Most speech stretches one cue spans, and most cues that share one stretch. */
const MAX_GROUP = 12;
/** How far (in speech stretches) the search strays from the proportional placement. */
const BAND = 96;
const SPLIT_COST = 0.6;
const MERGE_COST = 0.35;
const MERGE_COST_PER_SECOND = 1.2;
const SKIP_COST = 0.8;
const SKIP_COST_PER_SECOND = 1;

/** Sorted, non-overlapping speech with every stretch inside `[low, high]` and at least 1 ms long. */
export function normalizeSpeech(speech: ReadonlyArray<Timed>, low = 0, high = Infinity): Timed[] {
  const sorted = speech
    .map((segment) => ({ start: Math.max(low, segment.start), end: Math.min(high, segment.end) }))
    .filter((segment) => Number.isFinite(segment.start) && segment.end > segment.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const segment of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && segment.start <= last.end) last.end = Math.max(last.end, segment.end);
    else merged.push({ ...segment });
  }
  return merged;
}

function frameLength(frameRate: number): number {
  if (!(frameRate > 0) || !Number.isFinite(frameRate))
    throw new RangeError(`Frame rate must be positive: ${frameRate}`);
  return 1000 / frameRate;
}

/** Runs of consecutive chosen indexes. */
function runsOf(count: number, selected: ReadonlyArray<number> | undefined): Array<[number, number]> {
  const chosen = new Array<boolean>(count).fill(selected === undefined);
  for (const index of selected ?? []) if (index >= 0 && index < count) chosen[index] = true;
  const runs: Array<[number, number]> = [];
  for (let index = 0; index < count; index++) {
    if (!chosen[index]) continue;
    const first = index;
    while (index + 1 < count && chosen[index + 1]) index++;
    runs.push([first, index]);
  }
  return runs;
}

function isTimed(cue: CueToTime | undefined): cue is CueToTime & Timed {
  return cue !== undefined && cue.start !== undefined && cue.end !== undefined;
}

/** What one step of the search put together: one cue over several stretches, or several cues in one stretch. */
interface Group {
  readonly firstCue: number;
  readonly cues: number;
  readonly firstSpeech: number;
  readonly speech: number;
}

/**
 * Places cues in order onto speech stretches, by dynamic programming.
 *
 * Each step gives one cue one or more consecutive stretches (cheaper when the
 * pauses inside are short), gives several cues one stretch (split between
 * them, at a price: a pause makes a better boundary), or leaves a stretch
 * out (noise, a cough). What each step costs is how far the speech it takes
 * is from the cues' share of all the speech, as a squared log ratio. Undefined
 * when no placement exists within the search's limits.
 */
function placeCues(weights: ReadonlyArray<number>, speech: ReadonlyArray<Timed>): Group[] | undefined {
  const cueCount = weights.length;
  const speechCount = speech.length;
  const cumulativeWeight = [0];
  for (const weight of weights) cumulativeWeight.push((cumulativeWeight[cumulativeWeight.length - 1] ?? 0) + weight);
  const cumulativeSpeech = [0];
  for (const segment of speech) {
    cumulativeSpeech.push((cumulativeSpeech[cumulativeSpeech.length - 1] ?? 0) + segment.end - segment.start);
  }
  const totalWeight = cumulativeWeight[cueCount] ?? 0;
  const totalSpeech = cumulativeSpeech[speechCount] ?? 0;
  const rate = totalSpeech / totalWeight;
  const at = (values: ReadonlyArray<number>, index: number): number => values[index] ?? 0;
  const lengthCost = (speechMs: number, expectedMs: number): number => {
    const ratio = Math.log(Math.max(MIN_LENGTH_MS, speechMs) / Math.max(MIN_LENGTH_MS, expectedMs));
    return ratio * ratio;
  };
  // Where the proportional placement puts each cue boundary, as a stretch index: the band's centre.
  const centre: number[] = [];
  let stretch = 0;
  for (let cue = 0; cue <= cueCount; cue++) {
    const position = rate * at(cumulativeWeight, cue);
    while (stretch < speechCount && at(cumulativeSpeech, stretch + 1) <= position) stretch++;
    centre.push(stretch);
  }
  const low = centre.map((value) => Math.max(0, value - BAND));
  const high = centre.map((value) => Math.min(speechCount, value + BAND));
  const rows = centre.map((_, cue) => new Float64Array(at(high, cue) - at(low, cue) + 1).fill(Infinity));
  const back = centre.map((_, cue) => new Int32Array(at(high, cue) - at(low, cue) + 1));
  // back: 0 unset, k > 0 one cue over k stretches, -k k cues in one stretch, MAX_GROUP + 1 a skipped stretch.
  const SKIP = MAX_GROUP + 1;
  const relax = (cue: number, index: number, cost: number, move: number): void => {
    if (cue > cueCount || index < at(low, cue) || index > at(high, cue)) return;
    const row = rows[cue];
    if (row === undefined) return;
    const slot = index - at(low, cue);
    if (cost < (row[slot] ?? Infinity)) {
      row[slot] = cost;
      (back[cue] as Int32Array)[slot] = move;
    }
  };
  relax(0, 0, 0, 0);
  for (let cue = 0; cue <= cueCount; cue++) {
    const row = rows[cue] as Float64Array;
    for (let index = at(low, cue); index <= at(high, cue); index++) {
      const cost = row[index - at(low, cue)] ?? Infinity;
      if (!Number.isFinite(cost) || index >= speechCount) continue;
      const here = speech[index] as Timed;
      relax(cue, index + 1, cost + SKIP_COST + (SKIP_COST_PER_SECOND * (here.end - here.start)) / 1000, SKIP);
      if (cue >= cueCount) continue;
      const expected = rate * (weights[cue] ?? 0);
      let pauses = 0;
      for (let span = 1; span <= MAX_GROUP && index + span <= speechCount; span++) {
        if (span > 1) {
          const pause = (speech[index + span - 1]?.start ?? 0) - (speech[index + span - 2]?.end ?? 0);
          pauses += MERGE_COST + (MERGE_COST_PER_SECOND * Math.min(pause, 3000)) / 1000;
        }
        const taken = at(cumulativeSpeech, index + span) - at(cumulativeSpeech, index);
        relax(cue + 1, index + span, cost + pauses + lengthCost(taken, expected), span);
      }
      for (let share = 2; share <= MAX_GROUP && cue + share <= cueCount; share++) {
        const expectedShare = rate * (at(cumulativeWeight, cue + share) - at(cumulativeWeight, cue));
        const cost2 = cost + SPLIT_COST * (share - 1) + lengthCost(here.end - here.start, expectedShare);
        relax(cue + share, index + 1, cost2, -share);
      }
    }
  }
  const groups: Group[] = [];
  let cue = cueCount;
  let index = speechCount;
  if (index < at(low, cue) || index > at(high, cue)) return undefined;
  if (!Number.isFinite(rows[cue]?.[index - at(low, cue)] ?? Infinity)) return undefined;
  while (cue > 0 || index > 0) {
    const move = back[cue]?.[index - at(low, cue)] ?? 0;
    if (move === SKIP) {
      index -= 1;
    } else if (move > 0) {
      groups.push({ firstCue: cue - 1, cues: 1, firstSpeech: index - move, speech: move });
      cue -= 1;
      index -= move;
    } else if (move < 0) {
      groups.push({ firstCue: cue + move, cues: -move, firstSpeech: index - 1, speech: 1 });
      cue += move;
      index -= 1;
    } else {
      return undefined;
    }
  }
  return groups.reverse();
}

/** Cues spread over all the speech as if it were one stretch, in proportion to their weights: the fallback. */
function proportionalTimes(weights: ReadonlyArray<number>, speech: ReadonlyArray<Timed>): Timed[] {
  const total = speech.reduce((sum, segment) => sum + segment.end - segment.start, 0);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const timeAt = (position: number, preferNext: boolean): number => {
    let passed = 0;
    for (const segment of speech) {
      const length = segment.end - segment.start;
      if (position < passed + length || (!preferNext && position <= passed + length)) {
        return segment.start + (position - passed);
      }
      passed += length;
    }
    return speech[speech.length - 1]?.end ?? 0;
  };
  let passedWeight = 0;
  return weights.map((weight) => {
    const from = (total * passedWeight) / totalWeight;
    passedWeight += weight;
    const to = (total * passedWeight) / totalWeight;
    return { start: timeAt(from, true), end: timeAt(to, false) };
  });
}

/** The times the speech suggests for each cue of a run, before the rules are applied. */
function speechTimes(weights: ReadonlyArray<number>, speech: ReadonlyArray<Timed>): Timed[] {
  const groups = placeCues(weights, speech);
  if (groups === undefined) return proportionalTimes(weights, speech);
  const times: Timed[] = [];
  for (const group of groups) {
    const first = speech[group.firstSpeech] as Timed;
    const last = speech[group.firstSpeech + group.speech - 1] as Timed;
    if (group.cues === 1) {
      times.push({ start: first.start, end: last.end });
      continue;
    }
    const shares = weights.slice(group.firstCue, group.firstCue + group.cues);
    const total = shares.reduce((sum, weight) => sum + weight, 0);
    let passed = 0;
    for (const share of shares) {
      const start = first.start + ((first.end - first.start) * passed) / total;
      passed += share;
      times.push({ start, end: first.start + ((first.end - first.start) * passed) / total });
    }
  }
  return times;
}

/**
 * Makes times in whole frames obey the rules inside `[low, high]`, moving starts as little as it can.
 *
 * In order: no cue leaves the window, overlaps or comes before the one
 * before it; consecutive cues are `gap` frames apart; a cue shorter than
 * `minimum` first grows its end (up to the next cue), then its start (back
 * to the cue before). Only if some cue is still short (or two cues too close)
 * and the window has room for every cue's minimum and every gap are later starts pushed, and
 * then every rule holds.
 */
function obeyRules(
  times: Array<{ start: number; end: number }>,
  low: number,
  high: number,
  gap: number,
  minimum: number,
) {
  const count = times.length;
  let previousStart = low;
  for (const time of times) {
    time.start = Math.min(high, Math.max(time.start, low, previousStart));
    time.end = Math.min(high, Math.max(time.end, time.start));
    previousStart = time.start;
  }
  for (let index = 0; index < count; index++) {
    const time = times[index] as { start: number; end: number };
    const next = times[index + 1];
    const limit = next === undefined ? high : next.start - gap;
    if (time.end > limit) time.end = Math.max(time.start, limit);
    if (time.end - time.start < minimum) time.end = Math.max(time.end, Math.min(time.start + minimum, limit));
    if (time.end - time.start < minimum) {
      const previous = times[index - 1];
      const floor = previous === undefined ? low : previous.end + gap;
      time.start = Math.max(Math.min(time.start, time.end - minimum), Math.min(time.start, floor));
    }
  }
  const short = times.some(
    (time, index) => time.end - time.start < minimum || time.start - (times[index - 1]?.end ?? time.start - gap) < gap,
  );
  const fits = count * minimum + (count - 1) * gap <= high - low;
  if (short && fits) {
    let floor = low;
    for (const time of times) {
      time.start = Math.max(time.start, floor);
      time.end = Math.max(time.end, time.start + minimum);
      floor = time.end + gap;
    }
    let ceiling = high;
    for (let index = count - 1; index >= 0; index--) {
      const time = times[index] as { start: number; end: number };
      time.end = Math.min(time.end, ceiling);
      time.start = Math.min(time.start, time.end - minimum);
      ceiling = time.start - gap;
    }
  } else if (!fits) {
    // No room for every gap: keep the cues apart and in order, shrinking gaps first, then cues.
    for (let index = 0; index + 1 < count; index++) {
      const time = times[index] as { start: number; end: number };
      const next = times[index + 1] as { start: number; end: number };
      if (time.end > next.start) time.end = Math.max(time.start, next.start);
    }
  }
}

/**
 * Times cues from the speech found in their media ("Time from speech").
 *
 * Cues go in order onto the speech: one cue may span several stretches of
 * speech when the pauses between are short, and several cues share one
 * stretch in proportion to how long each takes to say; pauses are preferred
 * as boundaries. Then the rules: consecutive cues at least `minGapFrames`
 * apart and at least `minDurationMs` long where the window allows (ends grow
 * into the pause after, then starts into the pause before). Every time is a
 * frame boundary, in whole milliseconds (see `snapToFrame`).
 *
 * Returns one entry per cue; cues not chosen come back as they were. A run
 * of chosen cues with no speech between its neighbours keeps its times (and
 * untimed cues stay untimed). Cues are never reordered, dropped or overlapped.
 */
export function timeFromSpeech(
  cues: ReadonlyArray<CueToTime>,
  speech: ReadonlyArray<Timed>,
  options: SpeechTimingOptions,
): CueToTime[] {
  const frame = frameLength(options.frameRate);
  const gap = Math.max(0, Math.floor(options.rules.minGapFrames));
  const minimum = Math.ceil(options.rules.minDurationMs / frame - 1e-9);
  const result: CueToTime[] = cues.map((cue) => ({ ...cue }));
  const mediaEnd = options.mediaEndMs ?? Infinity;
  for (const [first, last] of runsOf(cues.length, options.selected)) {
    let before: (CueToTime & Timed) | undefined;
    for (let index = first - 1; index >= 0 && before === undefined; index--) {
      const cue = result[index];
      if (isTimed(cue)) before = cue;
    }
    let after: (CueToTime & Timed) | undefined;
    for (let index = last + 1; index < cues.length && after === undefined; index++) {
      const cue = result[index];
      if (isTimed(cue)) after = cue;
    }
    const lowFrame = before === undefined ? 0 : Math.ceil(before.end / frame - 1e-9) + gap;
    const highMs = Math.min(mediaEnd, after === undefined ? Infinity : after.start);
    const window = normalizeSpeech(speech, lowFrame * frame, highMs);
    if (window.length === 0) continue;
    const lastSpeech = window[window.length - 1] as Timed;
    // After the last cue there is room up to the next cue or the media's end; with neither, a little past the speech.
    const highEdge = Number.isFinite(highMs)
      ? Math.floor(highMs / frame + 1e-9) - (after === undefined ? 0 : gap)
      : Math.ceil((lastSpeech.end + options.rules.minDurationMs) / frame);
    const run = cues.slice(first, last + 1);
    const weights = run.map((cue) => Math.max(cue.speakingMs, 1));
    const frames = speechTimes(weights, window).map((time) => ({
      start: Math.floor(time.start / frame + 1e-9),
      end: Math.ceil(time.end / frame - 1e-9),
    }));
    obeyRules(frames, lowFrame, Math.max(lowFrame, highEdge), gap, minimum);
    frames.forEach((time, offset) => {
      result[first + offset] = {
        ...run[offset],
        speakingMs: run[offset]?.speakingMs ?? 0,
        start: Math.round(time.start * frame) + 0,
        end: Math.round(time.end * frame) + 0,
      };
    });
  }
  return result;
}

/** The nearest value within `distance` of `target`, or undefined. */
function nearest(values: ReadonlyArray<number>, target: number, distance: number): number | undefined {
  let best: number | undefined;
  for (const value of values) {
    if (
      Math.abs(value - target) <= distance &&
      (best === undefined || Math.abs(value - target) < Math.abs(best - target))
    ) {
      best = value;
    }
  }
  return best;
}

/**
 * Moves cues' starts to the nearest speech onset and ends to the nearest offset ("Snap to speech").
 *
 * Only within `SNAP_DISTANCE_MS`; a time with no onset or offset that near
 * stays. A snap that would overlap a neighbour, come closer to it than the
 * minimum gap, or leave the cue shorter than before and than the minimum
 * duration, is not made. Times land on frame boundaries. Untimed cues and
 * cues not chosen keep their times.
 */
export function snapToSpeech(
  cues: ReadonlyArray<CueToTime>,
  speech: ReadonlyArray<Timed>,
  options: SpeechTimingOptions,
): CueToTime[] {
  const frame = frameLength(options.frameRate);
  const normal = normalizeSpeech(speech);
  const onsets = normal.map((segment) => segment.start);
  const offsets = normal.map((segment) => segment.end);
  const chosen = new Set(options.selected ?? cues.map((_, index) => index));
  const gapMs = (Math.max(0, Math.floor(options.rules.minGapFrames)) * 1000) / options.frameRate;
  const toFrame = (ms: number): number => Math.round(Math.round(ms / frame) * frame) + 0;
  const apart = (earlierEnd: number | undefined, laterStart: number | undefined): boolean =>
    earlierEnd === undefined ||
    laterStart === undefined ||
    // The 1 ms allowance of `meetsMinimumGap`: frame-accurate times are rounded to whole milliseconds.
    (laterStart >= earlierEnd && laterStart - earlierEnd + 1 > gapMs + 1e-9);
  const result: CueToTime[] = cues.map((cue) => ({ ...cue }));
  let previousEnd: number | undefined;
  for (let index = 0; index < cues.length; index++) {
    const cue = cues[index];
    if (!isTimed(cue)) continue;
    if (chosen.has(index)) {
      // The next cue's present start bounds this one: it can always keep it, so it never has to move back.
      let nextStart: number | undefined;
      for (let later = index + 1; later < cues.length && nextStart === undefined; later++) {
        nextStart = cues[later]?.start !== undefined && cues[later]?.end !== undefined ? cues[later]?.start : undefined;
      }
      const onset = nearest(onsets, cue.start, SNAP_DISTANCE_MS);
      const offset = nearest(offsets, cue.end, SNAP_DISTANCE_MS);
      const starts = onset === undefined ? [cue.start] : [toFrame(onset), cue.start];
      const ends = offset === undefined ? [cue.end] : [toFrame(offset), cue.end];
      const shortest = Math.min(cue.end - cue.start, options.rules.minDurationMs);
      let best: Timed | undefined;
      for (const start of starts) {
        for (const end of ends) {
          if (best !== undefined) break;
          const keepsLength = end - start >= shortest || (start === cue.start && end === cue.end);
          if (end >= start && keepsLength && apart(previousEnd, start) && apart(end, nextStart)) best = { start, end };
        }
      }
      if (best !== undefined) result[index] = { ...cue, ...best };
    }
    previousEnd = (result[index] as Timed).end;
  }
  return result;
}
