/**
 * WebVTT reading, case by case from the WebVTT specification's parsing algorithm.
 *
 * Written from "WebVTT: The Web Video Text Tracks Format" (W3C), section 6
 * ("Parsing"): §6.1 WebVTT file parsing (the signature, the header, "collect
 * a WebVTT block"), §6.3 WebVTT cue timings and settings parsing ("collect a
 * WebVTT timestamp"), §6.4 WebVTT cue text parsing rules (the tokenizer), and
 * HTML's "named character references" table that §6.4 uses.
 */
import { describe, expect, it } from 'vitest';
import { parseSubtitles, SubtitleParseError } from '../../src/formats/subtitleReader';

const cue = (text: string): string => `WEBVTT\n\n00:01.000 --> 00:02.000\n${text}\n`;
const textOf = (vtt: string): string | undefined => parseSubtitles(vtt, { format: 'vtt' }).cues[0]?.text;

describe('WebVTT §6.4 cue text: every "<" starts a tag (cause 1)', () => {
  it.each([
    ['an unknown tag is dropped and its content kept', '<foo>bar</foo>', 'bar'],
    ['an unknown tag with a class', '<foo.bar>baz</foo.bar>', 'baz'],
    ['a class on c', '<c.loud.red>Hey</c>', 'Hey'],
    ['a voice with an annotation', '<v Roger Bingham>I am here</v>', 'I am here'],
    ['a voice with a class and an annotation', '<v.first.loud Esme>Yes', 'Yes'],
    ['a language tag', '<lang en-GB>colour</lang>', 'colour'],
    ['a timestamp tag', 'One <00:01.500>two <00:00:01.750>three', 'One two three'],
    ['a tag runs to the end of the cue text when never closed', 'a <b', 'a'],
    ['"<" followed by a space still starts a tag', 'a < b', 'a'],
    ['an end tag that was never opened', 'x</i>y', 'xy'],
    ['ruby: the base and the ruby text are both text', '<ruby>漢<rt>kan</rt></ruby>', '漢kan'],
  ])('%s', (_name, text, expected) => {
    expect(textOf(cue(text))).toBe(expected);
  });

  it('drops a tag that runs across a line break, as the tokenizer reads annotations up to ">"', () => {
    expect(textOf(cue('<v Roger\nBingham>Hi'))).toBe('Hi');
  });
});

describe('WebVTT §6.4 character references: HTML’s full named list (cause 2)', () => {
  it.each([
    ['a name with ";"', '&copy; 2024', '© 2024'],
    ['a legacy name without ";"', '&copy 2024', '© 2024'],
    ['&amp without ";"', 'Tom &amp Jerry', 'Tom & Jerry'],
    ['&nbsp without ";" inside a word', 'a&nbspb', 'a\u00A0b'],
    ['a case-sensitive name', '&Eacute;t&eacute;', 'Été'],
    ['a name that only exists with ";"', '&hearts; &check;', '♥ ✓'],
    ['the longest legacy prefix, as HTML text does', '&notit;', '¬it;'],
    ['direction marks', 'a&lrm;b&rlm;c', 'a\u200Eb\u200Fc'],
    ['decimal and hexadecimal references', '&#1055;&#x416;&#X41;', 'ПЖA'],
    ['an unknown name stays as written', '&bogus; &', '&bogus; &'],
    ['a reference to "<" is text, not a tag', '&lt;b&gt;bold&lt;/b&gt;', '<b>bold</b>'],
  ])('%s', (_name, text, expected) => {
    expect(textOf(cue(text))).toBe(expected);
  });
});

describe('WebVTT §6.1 the signature and NOTE blocks (cause 3)', () => {
  const body = '\n\n00:01.000 --> 00:02.000\nHello\n';

  it.each([
    ['a blank line before WEBVTT', `\nWEBVTT${body}`],
    ['a tab before WEBVTT', `\tWEBVTT${body}`],
    ['a space before WEBVTT', ` WEBVTT${body}`],
    ['a letter right after WEBVTT', `WEBVTTX${body}`],
    ['lower case', `webvtt${body}`],
    ['no signature at all', '00:01.000 --> 00:02.000\nHello\n'],
  ])('refuses %s when read as WebVTT', (_name, text) => {
    expect(() => parseSubtitles(text, { format: 'vtt' })).toThrow(SubtitleParseError);
    expect(() => parseSubtitles(text, { format: 'vtt' })).toThrow('not a WebVTT file');
  });

  it.each([
    ['the signature alone', `WEBVTT${body}`],
    ['a byte order mark before it', `\uFEFFWEBVTT${body}`],
    ['a space and a title after it', `WEBVTT - title${body}`],
    ['a tab after it', `WEBVTT\ttitle${body}`],
  ])('accepts %s', (_name, text) => {
    expect(parseSubtitles(text, { format: 'vtt' }).cues).toEqual([{ start: 1000, end: 2000, text: 'Hello' }]);
  });

  it('reads a NOTE block as a comment, never as the text of the cue before it', () => {
    const text =
      'WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\nNOTE reviewer: check this\n\n00:03.000 --> 00:04.000\nWorld\n';
    expect(parseSubtitles(text).cues.map((c) => c.text)).toEqual(['Hello', 'World']);
  });

  it('reads a NOTE block right after the header, and one of several lines', () => {
    const text = 'WEBVTT\n\nNOTE\nline one\nline two\n\n00:01.000 --> 00:02.000\nHello\n';
    expect(parseSubtitles(text).cues).toEqual([{ start: 1000, end: 2000, text: 'Hello' }]);
  });

  it('reads "NOTE" followed by a time line as a cue identifier, as "collect a WebVTT block" does', () => {
    expect(textOf('WEBVTT\n\nNOTE\n00:01.000 --> 00:02.000\nHello\n')).toBe('Hello');
  });

  it('ends a NOTE block at a line with "-->", which starts the next cue', () => {
    const text = 'WEBVTT\n\nNOTE one\ntwo\n00:01.000 --> 00:02.000\nHello\n';
    expect(parseSubtitles(text).cues).toEqual([{ start: 1000, end: 2000, text: 'Hello' }]);
  });
});

describe('WebVTT §6.3 timing lines; malformed cues dropped and reported (cause 4)', () => {
  const read = (timing: string) =>
    parseSubtitles(`WEBVTT\n\n00:00.000 --> 00:00.500\nfirst\n\n${timing}\nsecond\n`, { format: 'vtt' });

  it.each([
    ['two fraction digits', '00:01.00 --> 00:02.000'],
    ['four fraction digits', '00:01.0000 --> 00:02.000'],
    ['a comma before the fraction', '00:01,000 --> 00:02.000'],
    ['one-digit minutes', '0:01.000 --> 00:02.000'],
    ['one-digit seconds', '00:1.000 --> 00:02.000'],
    ['60 seconds', '00:60.000 --> 01:02.000'],
    ['an arrow without its first dash', '00:01.000 -> 00:02.000'],
    ['no fraction at all', '00:00:01 --> 00:00:02'],
  ])('drops the cue with %s and reads the rest', (_name, timing) => {
    const document = read(timing);
    expect(document.cues.map((c) => c.text)).toEqual(['first']);
    expect(document.dropped).toHaveLength(1);
    expect(document.dropped[0]?.line).toBe(6);
  });

  it.each([
    ['hours of one digit', '0:00:01.000 --> 0:00:02.000', 1000],
    ['hours of three digits', '100:00:01.000 --> 100:00:02.000', 360_001_000],
    ['a first number over 59, read as hours', '60:00:01.000 --> 60:00:02.000', 216_001_000],
    ['settings right after the end time', '00:01.000 --> 00:02.000align:start', 1000],
    ['settings after white space and a tab', '00:01.000\t-->\t00:02.000 \tline:0', 1000],
  ])('reads %s', (_name, timing, start) => {
    const document = read(timing);
    expect(document.cues[1]).toEqual({ start, end: start + 1000, text: 'second' });
    expect(document.dropped).toEqual([]);
  });

  it('reports each dropped cue with its line and reason, for the user', () => {
    const document = parseSubtitles(
      'WEBVTT\n\n00:01,000 --> 00:02.000\nbad\n\n00:03.000 --> 00:04.000\ngood\n\n00:05.000 --> 00:04.000\nbackwards\n',
    );
    expect(document.cues.map((c) => c.text)).toEqual(['good']);
    expect(document.dropped).toEqual([
      { line: 3, problem: 'bad start time: expected "." and three digits of milliseconds (a "," is SRT, not WebVTT)' },
      { line: 9, problem: 'the cue ends before it starts' },
    ]);
  });

  it('ends cue text at a line with "-->" and reads that line as the next cue', () => {
    const document = parseSubtitles('WEBVTT\n\n00:01.000 --> 00:02.000\none\n00:03.000 --> 00:04.000\ntwo\n');
    expect(document.cues.map((c) => c.text)).toEqual(['one', 'two']);
  });

  it('keeps a line of spaces inside a cue: only an empty line ends a block', () => {
    const document = parseSubtitles('WEBVTT\n\n00:01.000 --> 00:02.000\none\n   \ntwo\n');
    expect(document.cues.map((c) => c.text)).toEqual(['one\ntwo']);
  });
});
