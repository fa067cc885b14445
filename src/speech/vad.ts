import type { Timed } from '../timing/timing';

/** Silero VAD v5/v6 reads 16 kHz audio... */
export const VAD_SAMPLE_RATE = 16_000;
/** ...in frames of 512 samples (32 ms)... */
export const VAD_FRAME_SAMPLES = 512;
/** ...each preceded by the last 64 samples of the frame before (silero-vad's `OnnxWrapper`). */
export const VAD_CONTEXT_SAMPLES = 64;

export const VAD_FRAME_MS = (VAD_FRAME_SAMPLES * 1000) / VAD_SAMPLE_RATE;

/** How speech probabilities become speech stretches. */
export interface SpeechDetectionOptions {
  /** A frame at or above this probability is speech (silero-vad's default 0.5). */
  readonly threshold: number;
  /** Speech goes on until a frame below this (silero-vad's default: `threshold` − 0.15). */
  readonly negativeThreshold: number;
  /** A pause shorter than this does not end a stretch (the hangover). */
  readonly minSilenceMs: number;
  /** A stretch shorter than this is left out (a click, a breath). */
  readonly minSpeechMs: number;
  /** Each stretch is widened by this much on both sides, never into its neighbour. */
  readonly padMs: number;
}

/**
 * The defaults: silero-vad's thresholds with a 250 ms minimum silence.
 *
 * A quarter of a second keeps a sentence's commas inside it while the pause
 * between two sentences (0.4 s and up) still ends one stretch.
 */
export const DEFAULT_SPEECH_DETECTION: SpeechDetectionOptions = {
  threshold: 0.5,
  negativeThreshold: 0.35,
  minSilenceMs: 250,
  minSpeechMs: 200,
  padMs: 30,
};

/**
 * One model input: the frame at `offset` after the context the model needs, as floats.
 *
 * Samples before the start are silence, and a last frame shorter than 512
 * samples is filled with silence; `samples` are already 16 kHz mono in −1..1.
 */
export function vadInput(samples: Float32Array, offset: number): Float32Array {
  const input = new Float32Array(VAD_CONTEXT_SAMPLES + VAD_FRAME_SAMPLES);
  const from = offset - VAD_CONTEXT_SAMPLES;
  const first = Math.max(0, from);
  const last = Math.min(samples.length, offset + VAD_FRAME_SAMPLES);
  if (last > first) input.set(samples.subarray(first, last), first - from);
  return input;
}

/**
 * Turns per-frame speech probabilities into speech stretches, in whole milliseconds.
 *
 * Frame `i` covers `i × 32` ms onwards. Speech starts at a frame at or
 * above `threshold`; it ends at the first frame below `negativeThreshold`
 * that begins a pause of at least `minSilenceMs` (frames between the two
 * thresholds neither start nor end speech). This is silero-vad's
 * `get_speech_timestamps`, frame by frame. `totalMs` (the audio's length)
 * bounds the last stretch and the padding.
 */
export function speechFromProbabilities(
  probabilities: ArrayLike<number>,
  options: SpeechDetectionOptions = DEFAULT_SPEECH_DETECTION,
  totalMs: number = probabilities.length * VAD_FRAME_MS,
): Timed[] {
  const raw: { start: number; end: number }[] = [];
  let start: number | undefined;
  let pauseFrom: number | undefined;
  const close = (end: number): void => {
    if (start !== undefined && end - start >= options.minSpeechMs) raw.push({ start, end });
    start = undefined;
    pauseFrom = undefined;
  };
  for (let index = 0; index < probabilities.length; index++) {
    const probability = probabilities[index] ?? 0;
    const at = index * VAD_FRAME_MS;
    if (probability >= options.threshold) {
      pauseFrom = undefined;
      start ??= at;
    } else if (start !== undefined && probability < options.negativeThreshold) {
      pauseFrom ??= at;
      if (at + VAD_FRAME_MS - pauseFrom >= options.minSilenceMs) close(pauseFrom);
    }
  }
  close(Math.min(totalMs, pauseFrom ?? probabilities.length * VAD_FRAME_MS));
  return raw.map((segment, index) => {
    const before = raw[index - 1];
    const after = raw[index + 1];
    const low = before === undefined ? 0 : (before.end + segment.start) / 2;
    const high = after === undefined ? totalMs : (segment.end + after.start) / 2;
    return {
      start: Math.round(Math.max(low, segment.start - options.padMs)),
      end: Math.round(Math.min(high, segment.end + options.padMs)),
    };
  });
}
