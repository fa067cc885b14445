/**
 * SRT as real files are written (issue 15, cause 5).
 *
 * SRT has no specification; these are the variants that well-known readers
 * accept (Subtitle Edit, ffmpeg's subrip demuxer, Python's `srt` and
 * `pysrt`), each as a file would have it.
 */
import { describe, expect, it } from 'vitest';
import { parseSubtitles, SubtitleParseError } from '../../src/formats/subtitleReader';

const hello = { start: 1000, end: 2000, text: 'Hello' };
const world = { start: 3000, end: 4000, text: 'World' };
const cuesOf = (text: string) => parseSubtitles(text, { format: 'srt' }).cues;

describe('SRT time lines as real files write them', () => {
  it.each([
    ['"->"', '00:00:01,000 -> 00:00:02,000'],
    ['"- >"', '00:00:01,000 - > 00:00:02,000'],
    ['"-- >"', '00:00:01,000 -- > 00:00:02,000'],
    ['"->" without spaces', '00:00:01,000->00:00:02,000'],
    ['full-width colons and commas', '00：00：01，000 --> 00：00：02，000'],
    ['spaces inside the times', '00: 00: 01,000 --> 00: 00: 02, 000'],
    ['junk glued to the end time', '00:00:01,000 --> 00:00:02,000X1:100 X2:200'],
    ['letters glued to the end time', '00:00:01,000 --> 00:00:02,000abc'],
  ])('reads the arrow or times written %s', (_name, timing) => {
    expect(cuesOf(`1\n${timing}\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld\n`)).toEqual([hello, world]);
  });

  it('keeps dialogue with an arrow-like dash as text', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\nA -> B\n10:30 - 11:00')[0]?.text).toBe('A -> B\n10:30 - 11:00');
  });
});

describe('SRT index lines as real files write them', () => {
  it.each([
    ['negative', '-1', '-2'],
    ['with a dot', '1.', '2.'],
    ['not the expected next number', '1', '7'],
    ['restarting', '5', '1'],
  ])('removes index lines that are %s', (_name, first, second) => {
    expect(
      cuesOf(`${first}\n00:00:01,000 --> 00:00:02,000\nHello\n\n${second}\n00:00:03,000 --> 00:00:04,000\nWorld\n`),
    ).toEqual([hello, world]);
  });
});

describe('SRT time lines without an arrow', () => {
  it('refuses a lone index and a time line without an arrow, naming the line, instead of merging it', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 00:00:04,000\nWorld\n';
    expect(() => cuesOf(text)).toThrow(SubtitleParseError);
    expect(() => cuesOf(text)).toThrow(
      'line 6: bad time line "00:00:03,000 00:00:04,000" (expected "-->" between the times)',
    );
  });

  it.each(['00:00:03,000 => 00:00:04,000', '00:00:03,000 — 00:00:04,000', '00:00:03,000 - 00:00:04,000'])(
    'refuses %s',
    (timing) => {
      expect(() => cuesOf(`1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n${timing}\nWorld\n`)).toThrow('line 6');
    },
  );
});
