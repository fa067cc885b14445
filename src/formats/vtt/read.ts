import { assertNever } from '../../languages';
import type { Cue } from '../cue';
import { checkArrowTypo, cueText, isTimingLine, readTimingLine, type Fail, type Timing } from '../subtitleText';

export const WEBVTT_HEADER = /^WEBVTT(?:[ \t\r\n]|$)/u;

/**
 * Tells WebVTT from SRT by the `WEBVTT` line WebVTT files start with.
 *
 * Leading blank lines and a byte order mark are tolerated; everything else
 * is read as SRT, the far more common format without any header.
 */
export function isWebVtt(text: string): boolean {
  const start = text.replace(/^\uFEFF/u, '').trimStart();
  return WEBVTT_HEADER.test(start.slice(0, 16));
}

type VttState = 'header' | 'between' | 'identifier' | 'cue' | 'skip';

/** Block keywords of WebVTT that hold no cue: comments, style sheets and region definitions. */
const VTT_NON_CUE_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/u;

/**
 * Reads WebVTT cues following the structure of the WebVTT parsing algorithm.
 *
 * Blocks are separated by blank lines. The header block, NOTE, STYLE and
 * REGION blocks, cue identifiers and text blocks without a time line are
 * skipped. A cue's text ends at a blank line or, as in the specification, at
 * a line containing "-->", which starts the next cue.
 */
export function readVtt(lines: ReadonlyArray<string>, keepTags: boolean, fail: Fail): Cue[] {
  const cues: Cue[] = [];
  let state: VttState = 'between';
  let timing: Timing | undefined;
  let buffer: string[] = [];
  let seenContent = false;

  const finishCue = (): void => {
    if (timing !== undefined) cues.push({ ...timing, text: cueText(buffer, 'vtt', keepTags) });
    timing = undefined;
    buffer = [];
  };

  for (const [position, line] of lines.entries()) {
    const lineNumber = position + 1;
    const trimmed = line.trim();
    if (!seenContent) {
      if (trimmed === '') continue;
      seenContent = true;
      if (WEBVTT_HEADER.test(trimmed.slice(0, 16))) {
        state = 'header';
        continue;
      }
    }
    if (trimmed === '') {
      if (state === 'cue') finishCue();
      state = 'between';
      continue;
    }
    if (state === 'skip') continue;
    if (isTimingLine(line)) {
      const next = readTimingLine(line, lineNumber, fail);
      finishCue();
      timing = next;
      state = 'cue';
      continue;
    }
    checkArrowTypo(trimmed, lineNumber, fail);
    switch (state) {
      case 'cue':
        buffer.push(line);
        break;
      case 'header':
        break;
      case 'between':
        state = VTT_NON_CUE_BLOCK.test(trimmed.slice(0, 8)) ? 'skip' : 'identifier';
        break;
      case 'identifier':
        // A second line without a time: not a cue block, skip the rest of it.
        state = 'skip';
        break;
      default:
        assertNever(state, 'Unknown WebVTT reader state');
    }
  }
  finishCue();
  return cues;
}
