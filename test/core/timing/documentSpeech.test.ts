import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUBBING } from '../../../src/dub/speakingTime';
import { setSegmentTimes } from '../../../src/model/edit';
import { parseProject } from '../../../src/model/schema';
import { DEFAULT_RULES } from '../../../src/subtitles/rules';
import { segmentSpeakingMs, snapDocumentToSpeech, timeDocumentFromSpeech } from '../../../src/timing/documentSpeech';

const project = parseProject(readFileSync(new URL('../../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const appeal = project.documents.find((document) => document.id === 'appeal');
if (appeal === undefined) throw new Error('the sample has no appeal');
const options = {
  rules: DEFAULT_RULES,
  frameRate: project.frameRate,
  dubbing: DEFAULT_DUBBING,
  language: 'ko' as const,
};

describe('timing a transcript from speech', () => {
  const included = appeal.segments.filter((segment) => segment.excluded !== true);
  // One stretch of speech per cue, as long as its Korean takes to say (give or take a fifth), 0.6 s apart from 3 s.
  const speech: { start: number; end: number }[] = [];
  let at = 3000;
  included.forEach((segment, index) => {
    const length = segmentSpeakingMs(segment, 'ko', DEFAULT_DUBBING) * (index % 2 === 0 ? 0.8 : 1.2);
    speech.push({ start: at, end: Math.round(at + length) });
    at = Math.round(at + length + 600);
  });

  it('moves every cue onto its stretch, as one edit', () => {
    const moved = timeDocumentFromSpeech(appeal, speech, options);
    expect(moved.length).toBeGreaterThan(0);
    const byId = new Map(moved.map((cue) => [cue.id, cue.to]));
    const edited = setSegmentTimes(project, appeal.id, byId);
    const segments = edited.documents.find((document) => document.id === 'appeal')?.segments ?? [];
    const starts = segments.filter((segment) => segment.excluded !== true).map((segment) => segment.start ?? -1);
    expect(starts).toHaveLength(speech.length);
    starts.forEach((start, index) => expect(Math.abs(start - (speech[index]?.start ?? 0))).toBeLessThanOrEqual(42));
  });

  it('times only the chosen segments', () => {
    const first = included[0]?.id ?? '';
    const moved = timeDocumentFromSpeech(appeal, speech, { ...options, segmentIds: [first] });
    expect(moved.map((cue) => cue.id)).toEqual(moved.length === 0 ? [] : [first]);
  });

  it('snaps cues to speech edges within half a second', () => {
    const near = included.map((segment) => ({ start: (segment.start ?? 0) + 200, end: (segment.end ?? 0) - 200 }));
    const moved = snapDocumentToSpeech(appeal, near, options);
    expect(moved.length).toBeGreaterThan(0);
    for (const cue of moved)
      expect(near.some((s) => Math.abs(s.start - cue.to.start) <= 42 || Math.abs(s.end - cue.to.end) <= 42)).toBe(true);
  });
});
