import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseSync, stringifySync, type NodeCue } from 'subtitle';
import { describe, expect, it } from 'vitest';
import { subtitleCue } from '../support/arbitraries';
import { planExport } from '../../src/export/plan';
import type { Cue } from '../../src/formats/cue';
import { toSrt } from '../../src/formats/srt/write';
import { parseProject } from '../../src/model/schema';
import { formatTimestamp, parseTime } from '../../src/time/timecode';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

describe('toSrt', () => {
  it('writes the Korean appeal exactly as the reviewed golden file', async () => {
    const golden = readFileSync(new URL('../fixtures/appeal.ko.srt', import.meta.url), 'utf8');
    const plan = await planExport(sample, { documentIds: ['appeal'], languages: ['ko'], format: 'srt' });
    expect(plan.files.map((f) => f.name)).toEqual(['appeal.ko.srt']);
    expect(plan.files[0]?.content).toBe(golden);
    expect(plan.warnings).toEqual([]);
  });

  it('matches the subtitle package under 24 hours, plus the customary blank line after the last cue', () => {
    const cues: Cue[] = [
      { start: 0, end: 1500, text: 'Hello' },
      { start: 61_001, end: 3_599_999, text: 'Два рядки\n두 줄' },
    ];
    const reference = stringifySync(
      cues.map((data) => ({ type: 'cue' as const, data })),
      { format: 'SRT' },
    );
    expect(toSrt(cues, { lineEnding: 'lf' })).toBe(`${reference}\n`);
  });

  it('writes times of 24 hours and more without wrapping', () => {
    const srt = toSrt([{ start: 25 * 3_600_000 + 1, end: 100 * 3_600_000 - 1, text: 'late' }], { lineEnding: 'lf' });
    expect(srt).toContain('25:00:00,001 --> 99:59:59,999');
  });

  it('uses CRLF by default, LF on request, and a BOM only on request', () => {
    const cue = [{ start: 0, end: 1000, text: 'a\nb' }];
    expect(toSrt(cue)).toBe('1\r\n00:00:00,000 --> 00:00:01,000\r\na\r\nb\r\n\r\n');
    expect(toSrt(cue, { lineEnding: 'lf' })).toBe('1\n00:00:00,000 --> 00:00:01,000\na\nb\n\n');
    expect(toSrt(cue, { bom: true }).startsWith('\uFEFF1\r\n')).toBe(true);
  });

  it('drops blank lines inside a cue, which would end it early in every reader', () => {
    expect(toSrt([{ start: 0, end: 1000, text: 'a\n\n  \nb' }], { lineEnding: 'lf' })).toBe(
      '1\n00:00:00,000 --> 00:00:01,000\na\nb\n\n',
    );
  });

  it('reads back through the subtitle package unchanged (property)', () => {
    const cue = subtitleCue;
    fc.assert(
      fc.property(fc.array(cue, { maxLength: 20 }), fc.constantFrom('crlf', 'lf' as const), (cues, lineEnding) => {
        const parsed = parseSync(toSrt(cues, { lineEnding })).filter((node): node is NodeCue => node.type === 'cue');
        expect(parsed.map((node) => node.data)).toEqual(cues.map((c) => ({ ...c, settings: undefined })));
      }),
      { numRuns: 200 },
    );
  });
});

describe('timecodes', () => {
  it.each([
    [0, '00:00:00,000'],
    [62_500, '00:01:02,500'],
    [3_600_000 * 123 + 4, '123:00:00,004'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatTimestamp(ms)).toBe(text);
  });

  it.each([
    ['00:01:02,500', 62_500],
    ['1:02.5', 62_500],
    ['62.5', 62_500],
    ['62,5', 62_500],
    ['62', 62_000],
    ['01:00:00.04', 3_600_040],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });

  it.each(['', 'abc', '1:60', '00:61:00', '-1', '1:2:3:4'])('refuses %j', (text) => {
    expect(parseTime(text)).toBeUndefined();
  });

  it('reads back what it writes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 * 3_600_000 }), (ms) => {
        expect(parseTime(formatTimestamp(ms))).toBe(ms);
      }),
    );
  });
});
