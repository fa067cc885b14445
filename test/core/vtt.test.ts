import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseSync, type NodeCue } from 'subtitle';
import { describe, expect, it } from 'vitest';
import { subtitleCue } from '../support/arbitraries';
import type { Cue } from '../../src/formats/cue';
import { toSrt } from '../../src/formats/srt/write';
import { toVtt } from '../../src/formats/vtt/write';
import { parseProject } from '../../src/model/schema';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

describe('toVtt', () => {
  it('writes the header, times with a dot and a blank line after each cue, with LF by default', () => {
    const cues: Cue[] = [
      { start: 0, end: 1500, text: 'Hello' },
      { start: 61_001, end: 3_599_999, text: 'Два рядки\n두 줄' },
    ];
    expect(toVtt(cues)).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello\n\n00:01:01.001 --> 00:59:59.999\nДва рядки\n두 줄\n\n',
    );
  });

  it('uses CRLF and a BOM on request', () => {
    const vtt = toVtt([{ start: 0, end: 1000, text: 'a\nb' }], { lineEnding: 'crlf', bom: true });
    expect(vtt).toBe('\uFEFFWEBVTT\r\n\r\n00:00:00.000 --> 00:00:01.000\r\na\r\nb\r\n\r\n');
  });

  it('writes a header alone for no cues', () => {
    expect(toVtt([])).toBe('WEBVTT\n\n');
  });

  it('writes times of 24 hours and more without wrapping', () => {
    const vtt = toVtt([{ start: 25 * 3_600_000 + 1, end: 123 * 3_600_000 + 4, text: 'late' }]);
    expect(vtt).toContain('25:00:00.001 --> 123:00:00.004\nlate\n\n');
  });

  it('escapes "&", "<" and ">" so that cue text never reads as markup or ends with "-->"', () => {
    expect(toVtt([{ start: 0, end: 1000, text: 'Tom & Jerry <3 --> end' }])).toContain(
      '\nTom &amp; Jerry &lt;3 --&gt; end\n',
    );
  });

  it('drops blank lines inside a cue and trims lines, as toSrt does', () => {
    expect(toVtt([{ start: 0, end: 1000, text: '  a \r\n\n  \rb' }])).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na\nb\n\n',
    );
  });

  it('writes the same times and lines as toSrt apart from the header and the decimal separator', () => {
    const appeal = sample.documents.find((document) => document.id === 'appeal');
    const cues = (appeal?.segments ?? []).flatMap((segment) =>
      segment.start === undefined || segment.end === undefined
        ? []
        : [{ start: segment.start, end: segment.end, text: segment.texts.uk }],
    );
    expect(cues.length).toBeGreaterThan(0);
    const fromSrt = toSrt(cues, { lineEnding: 'lf' })
      .split('\n\n')
      .map((block) =>
        block
          .split('\n')
          .slice(1)
          .join('\n')
          .replace(/,(\d{3})/gu, '.$1'),
      );
    const fromVtt = toVtt(cues).split('\n\n').slice(1);
    expect(fromVtt).toEqual(fromSrt);
  });

  it('reads back through the subtitle package unchanged under 24 hours (property)', () => {
    const cue = subtitleCue;
    fc.assert(
      fc.property(
        fc.array(cue, { minLength: 1, maxLength: 20 }),
        fc.constantFrom('crlf' as const, 'lf' as const),
        (cues, ending) => {
          const parsed = parseSync(toVtt(cues, { lineEnding: ending })).filter(
            (node): node is NodeCue => node.type === 'cue',
          );
          expect(parsed.map(({ data }) => ({ start: data.start, end: data.end, text: data.text }))).toEqual(cues);
        },
      ),
      { numRuns: 200 },
    );
  });
});
