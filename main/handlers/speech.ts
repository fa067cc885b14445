import { linesToMeasure, type ExportRequest } from '../../src/export/plan';
import type { Project } from '../../src/model/project';
import { espeakAvailable, measureSpeakingMs } from './espeak';

/** What measuring a dubbing export's lines found. */
export interface MeasuredLines {
  /** Speaking times by `speakingTimeKey`; undefined when nothing was measured. */
  readonly measuredMs: Readonly<Record<string, number>> | undefined;
  /** espeak-ng was asked for but is not installed, so every line is estimated from syllables. */
  readonly espeakMissing: boolean;
}

/**
 * Measures every line of a dubbing-script export by synthesising it with espeak-ng.
 *
 * Kept out of the pure export plan because it runs a program; the plan only
 * receives the numbers. Other formats, and requests that did not ask for
 * espeak-ng, measure nothing.
 */
export async function measureExportLines(
  project: Project,
  request: ExportRequest & { readonly speakingTime?: 'syllables' | 'espeak' | undefined },
): Promise<MeasuredLines> {
  const lines = request.speakingTime === 'espeak' ? linesToMeasure(project, request) : [];
  if (lines.length === 0) return { measuredMs: undefined, espeakMissing: false };
  if (!(await espeakAvailable())) return { measuredMs: undefined, espeakMissing: true };
  return { measuredMs: await measureSpeakingMs(lines), espeakMissing: false };
}
