import { estimateSpeakingMs } from '../dub/speakingTime';
import type { Language } from '../languages';
import { LANGUAGES } from '../languages';
import type { DubbingSettings, Segment, SubrelayDocument } from '../model/project';
import { readingCharacters, type SubtitleRules } from '../subtitles/rules';
import { snapToSpeech, timeFromSpeech, type CueToTime } from './fromSpeech';
import type { Timed } from './timing';

export interface DocumentSpeechOptions {
  readonly rules: SubtitleRules;
  readonly frameRate: number;
  /** Speaking rates, to weigh each cue by how long it takes to say. */
  readonly dubbing: DubbingSettings;
  /** The language spoken in the media; the document's source language by default. */
  readonly language?: Language | undefined;
  /** The segments to time; every included segment when undefined. */
  readonly segmentIds?: ReadonlyArray<string> | undefined;
  readonly mediaEndMs?: number | undefined;
}

/** One cue whose times changed: what it was and what it becomes. */
export interface MovedCue {
  readonly id: string;
  readonly from: { readonly start: number; readonly end: number } | undefined;
  readonly to: Timed;
}

/**
 * How long a segment takes to say in the spoken language.
 *
 * Estimated from syllables at the project's rate (`estimateSpeakingMs`);
 * when the spoken language's cell is empty, from the first language that has
 * text, and failing syllables, from its characters. Only the ratios between
 * cues matter to the timing.
 */
export function segmentSpeakingMs(segment: Segment, language: Language, dubbing: DubbingSettings): number {
  const order = [language, ...LANGUAGES.filter((other) => other !== language)];
  for (const candidate of order) {
    const text = segment.texts[candidate].trim();
    if (text === '') continue;
    const ms = estimateSpeakingMs(text, candidate, dubbing);
    return ms > 0 ? ms : readingCharacters(text) * 60;
  }
  return 0;
}

function cuesOf(
  document: SubrelayDocument,
  options: DocumentSpeechOptions,
): { segments: Segment[]; cues: CueToTime[]; selected: number[] | undefined } {
  // Excluded rows are not subtitles: they neither get times nor bound the others.
  const segments = document.segments.filter((segment) => segment.excluded !== true);
  const language = options.language ?? document.sourceLanguage;
  const cues = segments.map((segment) => ({
    start: segment.start,
    end: segment.end,
    speakingMs: segmentSpeakingMs(segment, language, options.dubbing),
  }));
  const wanted = options.segmentIds === undefined ? undefined : new Set(options.segmentIds);
  const selected =
    wanted === undefined ? undefined : segments.flatMap((segment, index) => (wanted.has(segment.id) ? [index] : []));
  return { segments, cues, selected };
}

function movedCues(segments: ReadonlyArray<Segment>, timed: ReadonlyArray<CueToTime>): MovedCue[] {
  const moved: MovedCue[] = [];
  segments.forEach((segment, index) => {
    const time = timed[index];
    if (time?.start === undefined || time.end === undefined) return;
    if (time.start === segment.start && time.end === segment.end) return;
    moved.push({
      id: segment.id,
      from:
        segment.start === undefined || segment.end === undefined
          ? undefined
          : { start: segment.start, end: segment.end },
      to: { start: time.start, end: time.end },
    });
  });
  return moved;
}

/**
 * "Time from speech" for a transcript: the cues that move, in order.
 *
 * Feed `new Map(moved.map((cue) => [cue.id, cue.to]))` to `setSegmentTimes`
 * for one undo step. See `timeFromSpeech`.
 */
export function timeDocumentFromSpeech(
  document: SubrelayDocument,
  speech: ReadonlyArray<Timed>,
  options: DocumentSpeechOptions,
): MovedCue[] {
  const { segments, cues, selected } = cuesOf(document, options);
  const timed = timeFromSpeech(cues, speech, { ...options, selected });
  return movedCues(segments, timed);
}

/** "Snap to speech" for a transcript: the cues that move, in order. See `snapToSpeech`. */
export function snapDocumentToSpeech(
  document: SubrelayDocument,
  speech: ReadonlyArray<Timed>,
  options: DocumentSpeechOptions,
): MovedCue[] {
  const { segments, cues, selected } = cuesOf(document, options);
  return movedCues(segments, snapToSpeech(cues, speech, { ...options, selected }));
}
