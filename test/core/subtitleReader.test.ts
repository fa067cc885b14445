import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseSync, type NodeCue } from 'subtitle';
import { describe, expect, it } from 'vitest';
import { exportText, planExport } from '../../src/export/plan';
import type { Cue } from '../../src/formats/cue';
import { toSrt } from '../../src/formats/srt/write';
import {
  detectSubtitleFormat,
  parseSubtitles,
  SubtitleParseError,
  type ParseSubtitlesOptions,
} from '../../src/formats/subtitleReader';
import { toVtt } from '../../src/formats/vtt/write';
import { LANGUAGES } from '../../src/languages';
import { parseProject } from '../../src/model/schema';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/subtitles/${name}`, import.meta.url), 'utf8');
}

function cuesOf(text: string, options?: ParseSubtitlesOptions): Cue[] {
  return parseSubtitles(text, options).cues;
}

function errorOf(text: string, options?: ParseSubtitlesOptions): SubtitleParseError {
  try {
    parseSubtitles(text, options);
  } catch (error) {
    if (error instanceof SubtitleParseError) return error;
    throw error;
  }
  throw new Error('expected the subtitles to be refused');
}

/** The appeal's cues in one language as the sample project holds them: timed, translated, not excluded. */
function sampleCues(language: (typeof LANGUAGES)[number]): Cue[] {
  const appeal = sample.documents.find((document) => document.id === 'appeal');
  return (appeal?.segments ?? []).flatMap((segment) => {
    const text = segment.texts[language].trim();
    return segment.excluded === true || segment.start === undefined || segment.end === undefined || text === ''
      ? []
      : [{ start: segment.start, end: segment.end, text }];
  });
}

/** Cues with line breaks folded into spaces, to compare words regardless of wrapping. */
function folded(cues: ReadonlyArray<{ start: number; end: number; text: string }>) {
  return cues.map((cue) => ({ ...cue, text: cue.text.replace(/\n/gu, ' ') }));
}

describe('parseSubtitles: golden files', () => {
  it('reads the reviewed Korean golden SRT back into the sample’s cues', () => {
    const document = parseSubtitles(readFileSync(new URL('../fixtures/appeal.ko.srt', import.meta.url), 'utf8'));
    expect(document.format).toBe('srt');
    // The exporter wraps each cue to the language's line limits; the words are the sample's.
    expect(folded(document.cues)).toEqual(folded(sampleCues('ko')));
  });

  it('reads a quirky SRT (BOM, mixed CRLF/CR/LF, missing indexes and blank lines, positions, tags)', () => {
    const document = parseSubtitles(fixture('quirks.srt'));
    expect(document.format).toBe('srt');
    expect(document.cues).toEqual([
      { start: 1000, end: 2500, text: 'Привет, мир!\n위쪽 자막' },
      { start: 3000, end: 4000, text: 'No index follows — dots and one-digit hours' },
      { start: 5000, end: 6000, text: 'Missing blank line above and arrow without spaces' },
      { start: 7000, end: 8000, text: '1984' },
      { start: 9000, end: 10_000, text: 'First line\nafter a blank line inside the cue' },
      { start: 11_000, end: 12_000, text: 'Last cue, &amp; no final newline' },
    ]);
  });

  it('keeps the quirky SRT’s markup verbatim with keepTags', () => {
    expect(cuesOf(fixture('quirks.srt'), { keepTags: true }).map((cue) => cue.text)).toEqual([
      '<i>Привет,</i> <b>мир</b>!\n{\\an8}<font color="#ffff00">위쪽 자막</font>',
      'No index follows — dots and one-digit hours',
      'Missing blank line above and arrow without spaces',
      '1984',
      'First line\nafter a blank line inside the cue',
      '<u>Last</u> cue, &amp; no final newline',
    ]);
  });

  it('reads a quirky WebVTT (header metadata, STYLE/REGION/NOTE blocks, identifiers, settings, entities)', () => {
    const document = parseSubtitles(fixture('quirks.vtt'));
    expect(document.format).toBe('vtt');
    expect(document.cues).toEqual([
      { start: 1000, end: 2500, text: 'Доброго дня, друзі!\n<не тег> & \u00A0ok' },
      { start: 3_603_000, end: 3_604_000, text: 'Жирний текст' },
      { start: 3_605_000, end: 3_606_000, text: 'Missing blank line before this cue' },
      { start: 3_607_000, end: 3_608_000, text: 'Top' },
    ]);
  });

  it('keeps the quirky WebVTT’s tags and character references verbatim with keepTags', () => {
    expect(cuesOf(fixture('quirks.vtt'), { keepTags: true }).map((cue) => cue.text)).toEqual([
      '<v Сергій>Доброго дня,</v> <c.yellow>друзі</c>!\n&lt;не тег&gt; &amp; &nbsp;ok',
      '<b>Жирний</b> <01:00:03.500>текст',
      'Missing blank line before this cue',
      '{\\an8}Top',
    ]);
  });

  it.each(LANGUAGES)('agrees with the subtitle package on the sample’s exported %s SRT', async (language) => {
    const plan = await planExport(sample, { documentIds: ['appeal'], languages: [language], format: 'srt' });
    const content = exportText(plan.files[0]);
    const reference = parseSync(content)
      .filter((node): node is NodeCue => node.type === 'cue')
      .map(({ data }) => ({ start: data.start, end: data.end, text: data.text }));
    expect(reference.length).toBeGreaterThan(0);
    expect(cuesOf(content)).toEqual(reference);
    expect(folded(cuesOf(content))).toEqual(folded(sampleCues(language)));
  });
});

describe('parseSubtitles: SRT quirks', () => {
  const plain = '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld\n';
  const expected = [
    { start: 1000, end: 2000, text: 'Hello' },
    { start: 3000, end: 4000, text: 'World' },
  ];

  it('reads files without index numbers', () => {
    expect(cuesOf('00:00:01,000 --> 00:00:02,000\nHello\n\n00:00:03,000 --> 00:00:04,000\nWorld\n')).toEqual(expected);
  });

  it('reads a dot instead of a comma before the milliseconds', () => {
    expect(cuesOf(plain.replaceAll(',', '.'))).toEqual(expected);
  });

  it.each([
    ['1:02:03,004', 3_723_004],
    ['01:02:03,004', 3_723_004],
    ['123:00:00,001', 123 * 3_600_000 + 1],
    ['02:03,004', 123_004],
    ['00:00:01,5', 1500],
    ['00:00:01,05', 1050],
    ['00:00:01', 1000],
    ['0:0:1,000', 1000],
  ])('reads the timestamp %s as %i ms', (stamp, ms) => {
    expect(cuesOf(`${stamp} --> 200:00:00,000\ntext`)[0]?.start).toBe(ms);
  });

  it('reads extra blank lines before, between and after cues', () => {
    expect(cuesOf(`\n\n\n${plain.replace('\n\n', '\n\n\n\n')}\n\n\n`)).toEqual(expected);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
    ['LF', '\n'],
  ])('reads %s line endings', (_name, newline) => {
    expect(cuesOf(plain.replaceAll('\n', newline))).toEqual(expected);
  });

  it('reads mixed line endings', () => {
    expect(cuesOf('1\r\n00:00:01,000 --> 00:00:02,000\rHello\n\r\n2\n00:00:03,000 --> 00:00:04,000\r\nWorld')).toEqual(
      expected,
    );
  });

  it('reads a file without a final newline', () => {
    expect(cuesOf(plain.trimEnd())).toEqual(expected);
  });

  it('reads a file with a byte order mark', () => {
    expect(cuesOf(`\uFEFF${plain}`)).toEqual(expected);
  });

  it('ignores position coordinates after the times', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000  X1:40 X2:600 Y1:20 Y2:50\nHello')[0]).toEqual(expected[0]);
  });

  it('reads cues with no blank line between them', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\nHello\n2\n00:00:03,000 --> 00:00:04,000\nWorld')).toEqual(
      expected,
    );
  });

  it('keeps text after a blank line inside a cue, as players do', () => {
    expect(
      cuesOf('1\n00:00:01,000 --> 00:00:02,000\nHello\n\nagain\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld'),
    ).toEqual([{ start: 1000, end: 2000, text: 'Hello\nagain' }, expected[1]]);
  });

  it('keeps a line of digits that is text, not the next index', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\n1984\n\n2\n00:00:03,000 --> 00:00:04,000\n42')).toEqual([
      { start: 1000, end: 2000, text: '1984' },
      { start: 3000, end: 4000, text: '42' },
    ]);
    expect(cuesOf('00:00:01,000 --> 00:00:02,000\n1984\n00:00:03,000 --> 00:00:04,000\nx')[0]?.text).toBe('1984');
  });

  it('reads a cue without text', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld')).toEqual([
      { start: 1000, end: 2000, text: '' },
      expected[1],
    ]);
  });

  it('trims white space around lines and ignores text before the first cue', () => {
    expect(cuesOf('Made with some tool\n\n1\n00:00:01,000 --> 00:00:02,000\n   Hello  \n\t World\t')).toEqual([
      { start: 1000, end: 2000, text: 'Hello\nWorld' },
    ]);
  });

  it('reads a zero-length cue and a DOS end-of-file mark', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:01,000\nblink\n\u001A')).toEqual([
      { start: 1000, end: 1000, text: 'blink' },
    ]);
  });

  it('does not decode HTML entities in SRT, where they are not markup', () => {
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\nTom &amp; Jerry')[0]?.text).toBe('Tom &amp; Jerry');
  });
});

describe('parseSubtitles: WebVTT quirks', () => {
  const expected = [
    { start: 1000, end: 2000, text: 'Hello' },
    { start: 3000, end: 4000, text: 'World' },
  ];

  it('detects WebVTT by its signature at the very start, after a BOM only, and SRT otherwise', () => {
    expect(detectSubtitleFormat('WEBVTT\n')).toBe('vtt');
    expect(detectSubtitleFormat('\uFEFFWEBVTT - title\n')).toBe('vtt');
    expect(detectSubtitleFormat('WEBVTT\tx')).toBe('vtt');
    // WebVTT §6.1 step 5: blank lines or white space before the signature make it not WebVTT.
    expect(detectSubtitleFormat('\n\nWEBVTT\tx')).toBe('srt');
    expect(detectSubtitleFormat('\tWEBVTT\n')).toBe('srt');
    expect(detectSubtitleFormat('WEBVTTX\n')).toBe('srt');
    expect(detectSubtitleFormat('1\n00:00:01,000 --> 00:00:02,000\n')).toBe('srt');
  });

  it('reads hours and missing hours, and drops (and reports) a cue with a comma before the milliseconds', () => {
    expect(cuesOf('WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\n00:00:03.000 --> 0:00:04.000\nWorld\n')).toEqual(
      expected,
    );
    const document = parseSubtitles(
      'WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\n00:00:03,000 --> 0:00:04.000\nWorld\n',
    );
    expect(document.cues).toEqual([expected[0]]);
    expect(document.dropped).toEqual([
      { line: 6, problem: 'bad start time: expected "." and three digits of milliseconds (a "," is SRT, not WebVTT)' },
    ]);
  });

  it('skips cue identifiers, cue settings and NOTE, STYLE and REGION blocks', () => {
    const text = [
      'WEBVTT',
      '',
      'STYLE',
      '::cue { color: lime }',
      '',
      'REGION',
      'id:fred',
      '',
      'NOTE a comment',
      '',
      'NOTE',
      'a longer',
      'comment',
      '',
      'first-cue',
      '00:01.000 --> 00:02.000 align:start line:0 size:50% region:fred',
      'Hello',
      '',
      'NOTEworthy',
      '00:03.000 --> 00:04.000 vertical:rl',
      'World',
    ].join('\n');
    expect(cuesOf(text)).toEqual(expected);
  });

  it('skips a text block without a time line, as the WebVTT parser does', () => {
    expect(cuesOf('WEBVTT\n\nstray\nblock\n\n00:01.000 --> 00:02.000\nHello\n')).toEqual([expected[0]]);
  });

  it('ends a cue at a blank line, and at a time line that follows without one', () => {
    expect(cuesOf('WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n00:03.000 --> 00:04.000\nWorld\n\nafter')).toEqual(
      expected,
    );
  });

  it('reads a header without a blank line after it', () => {
    expect(cuesOf('WEBVTT\n00:01.000 --> 00:02.000\nHello')).toEqual([expected[0]]);
  });

  it('decodes &amp; &lt; &gt; &nbsp; and numeric references as HTML does, and leaves unknown names', () => {
    expect(
      cuesOf('WEBVTT\n\n00:01.000 --> 00:02.000\n&amp; &lt;i&gt; a&nbsp;b &#1055; &#x416; &#0; &bogus; &amp;lt;')[0]
        ?.text,
    ).toBe('& <i> a\u00A0b П Ж \uFFFD &bogus; &lt;');
  });

  it('reads WebVTT forced as SRT, and refuses SRT forced as WebVTT for want of the signature', () => {
    expect(() => parseSubtitles('1\n00:00:01,000 --> 00:00:02,000\nHello', { format: 'vtt' })).toThrow(
      'line 1: not a WebVTT file: it must start with "WEBVTT"',
    );
    expect(parseSubtitles('WEBVTT\n\n00:01.000 --> 00:02.000\nHello', { format: 'srt' })).toEqual({
      format: 'srt',
      cues: [expected[0]],
      dropped: [],
    });
  });
});

describe('parseSubtitles: markup', () => {
  const cue = (line: string, options?: ParseSubtitlesOptions): string | undefined =>
    cuesOf(`1\n00:00:01,000 --> 00:00:02,000\n${line}`, options)[0]?.text;

  it.each([
    ['<i>italic</i>', 'italic'],
    ['<I>upper case</I>', 'upper case'],
    ['<b>bold</b> and <u>under</u> and <s>struck</s>', 'bold and under and struck'],
    ['<font color="#FFFF00" face="Arial">yellow</font>', 'yellow'],
    ["<font color='red'>red</font>", 'red'],
    ['{\\an8}top', 'top'],
    ['{\\i1}ass{\\i0} codes{\\pos(10,20)}', 'ass codes'],
    ['<i><b><u>nested</u></b></i>', 'nested'],
    ['<i>unclosed', 'unclosed'],
    ['a <3 b', 'a <3 b'],
    ['x < y > z', 'x < y > z'],
    ['<Name> is not a tag', '<Name> is not a tag'],
    ['<br> stays', '<br> stays'],
    ['{not a code}', '{not a code}'],
  ])('reads %j as %j', (line, text) => {
    expect(cue(line)).toBe(text);
  });

  it('drops a line that held only markup', () => {
    expect(cue('{\\an8}\nText\n<i></i>')).toBe('Text');
  });

  it('strips WebVTT class, voice, language, ruby and timestamp tags', () => {
    const text =
      'WEBVTT\n\n00:01.000 --> 00:05.000\n<v.loud Esme>Hi</v> <c.a.b>there</c> <lang uk>друже</lang>\n<ruby>漢<rt>kan</rt></ruby> <00:02.000>now';
    expect(cuesOf(text)[0]?.text).toBe('Hi there друже\n漢kan now');
  });

  it('keeps every tag verbatim with keepTags', () => {
    expect(cue('<i>it</i> {\\an8}<font color="red">x</font>', { keepTags: true })).toBe(
      '<i>it</i> {\\an8}<font color="red">x</font>',
    );
  });
});

describe('parseSubtitles: refusals', () => {
  it('refuses a bad timestamp, naming the line and the timestamp', () => {
    const error = errorOf(
      '1\n00:00:01,000 --> 00:00:02,000\nHello\nthere\n\n2\n00:00:61,000 --> 00:01:02,000\nWorld\n',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SubtitleParseError');
    expect(error.line).toBe(7);
    expect(error.message).toBe('line 7: bad timestamp "00:00:61,000"');
  });

  it('starts the message with the file when given', () => {
    const error = errorOf('1\n00:00:01,000 --> 00:00:02,000\nHello\nthere\n\n2\n00:00:61,000 --> 00:01:02,000\n', {
      file: 'C:\\Subs\\film.srt',
    });
    expect(error.message).toBe('C:\\Subs\\film.srt: line 7: bad timestamp "00:00:61,000"');
    expect(error.file).toBe('C:\\Subs\\film.srt');
    expect(error.problem).toBe('bad timestamp "00:00:61,000"');
  });

  it.each([
    ['00:60:00,000', 'bad timestamp "00:60:00,000"'],
    ['00:00:00,0000', 'bad timestamp "00:00:00,0000"'],
    ['01:02', 'bad timestamp "01:02"'],
    ['-00:00:01,000', 'bad timestamp "-00:00:01,000"'],
    ['1:2:3:4,000', 'bad timestamp "1:2:3:4,000"'],
    ['00:00:01;000', 'bad timestamp "00:00:01;000"'],
    ['aa:bb:cc,ddd', 'bad timestamp "aa:bb:cc,ddd"'],
    ['12345:00:00,000', 'bad timestamp "12345:00:00,000"'],
  ])('refuses the start time %s', (stamp, problem) => {
    const error = errorOf(`\n\n${stamp} --> 00:00:02,000\ntext\n`);
    expect([error.line, error.problem]).toEqual([3, problem]);
  });

  it('refuses a bad end time, a missing time and a bad time in WebVTT', () => {
    expect(errorOf('1\n00:00:01,000 --> 00:00:02,00x\nx').message).toBe('line 2: bad timestamp "00:00:02,00x"');
    expect(errorOf('1\n00:00:01,000 -->\nx').message).toBe('line 2: missing end time after "-->"');
    expect(errorOf('1\n --> 00:00:01,000\nx').message).toBe('line 2: missing start time before "-->"');
    // A WebVTT file whose only cue is malformed: the dropped cue is the reason nothing could be read.
    expect(errorOf('WEBVTT\n\nNOTE hi\n\n00:01.000 --> 00:99.000\nx').message).toBe(
      'line 5: bad end time: minutes and seconds go up to 59',
    );
  });

  it('refuses a time line that lost its arrow instead of merging the cue into the previous one', () => {
    const error = errorOf('1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 => 00:00:04,000\nWorld');
    expect(error.line).toBe(6);
    expect(error.problem).toBe('bad time line "00:00:03,000 => 00:00:04,000" (expected "-->" between the times)');
    expect(errorOf('WEBVTT\n\n00:00:03.000 - 00:00:04.000\nWorld').line).toBe(3);
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\n10:30 - 11:00 meeting')[0]?.text).toBe('10:30 - 11:00 meeting');
  });

  it('refuses a cue that ends before it starts', () => {
    const error = errorOf('1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:05,000 --> 00:00:04,999\nWorld');
    expect(error.line).toBe(6);
    expect(error.problem).toBe('cue ends before it starts ("00:00:05,000 --> 00:00:04,999")');
  });

  it.each([
    ['nothing', ''],
    ['blank lines', '\r\n  \n\t\n'],
    ['a byte order mark', '\uFEFF'],
  ])('refuses an empty file holding %s', (_name, text) => {
    const error = errorOf(text, { file: 'empty.srt' });
    expect(error.line).toBe(1);
    expect(error.message).toBe('empty.srt: line 1: the file is empty');
  });

  it.each([
    ['plain text', 'Just some text.\nNo times at all.\n'],
    ['a WebVTT header only', 'WEBVTT\n\nNOTE nothing here\n'],
    ['index numbers only', '1\n\n2\n\n3\n'],
  ])('refuses %s as text without cues', (_name, text) => {
    const error = errorOf(text);
    expect(error.line).toBe(1);
    expect(error.problem).toMatch(/^no subtitle cues found/u);
  });

  it('refuses binary data with NUL bytes at the line of the first NUL', () => {
    const error = errorOf('1\n00:00:01,000 --> 00:00:02,000\nHello\n\u0000\u0001PK\u0003\u0004');
    expect(error.line).toBe(4);
    expect(error.problem).toBe('binary data, not subtitle text (NUL bytes)');
  });

  it('refuses text with a high share of control characters, and allows a few', () => {
    const binary = `1\n00:00:01,000 --> 00:00:02,000\nHi\n${'\u0001\u0002\u0003\u0010\u001F\u007F\uFFFD'.repeat(5)}`;
    const error = errorOf(binary);
    expect(error.line).toBe(4);
    expect(error.problem).toBe('binary data, not subtitle text (control characters)');
    expect(cuesOf('1\n00:00:01,000 --> 00:00:02,000\nHello there, a stray \u0007 bell')[0]?.text).toBe(
      'Hello there, a stray \u0007 bell',
    );
  });

  it('quotes at most 40 characters of the file in a message', () => {
    const error = errorOf(`${'9'.repeat(100)} --> 00:00:01,000\nx`);
    expect(error.problem).toBe(`bad timestamp "${'9'.repeat(40)}…"`);
  });

  it('refuses what is not text and unknown formats with its own error', () => {
    expect(errorOf(42 as unknown as string).problem).toBe('expected subtitle text, got number');
    expect(errorOf(null as unknown as string).problem).toBe('expected subtitle text, got null');
    expect(errorOf('WEBVTT', { format: 'stl' as 'srt' }).problem).toBe(
      'unknown subtitle format "stl" (expected "auto", "srt", "vtt", "ttml", "ass", "sbv")',
    );
  });
});

describe('parseSubtitles: round trips (property)', () => {
  /** Lines of subtitle text: no blank lines, tags, "-->" or ":" (which could spell a time line). */
  const line = fc
    .stringMatching(/^[A-Za-z가-힣А-Яа-яЇїЄєІіҐґЁё0-9 ,.!?…“”«»'()&;#%-]{1,40}$/u)
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const cue = fc
    .record({
      start: fc.integer({ min: 0, max: 200 * 3_600_000 }),
      length: fc.integer({ min: 0, max: 100_000 }),
      lines: fc.array(line, { minLength: 0, maxLength: 3 }),
    })
    .map(({ start, length, lines }) => ({ start, end: start + length, text: lines.join('\n') }));
  const cues = fc.array(cue, { minLength: 1, maxLength: 25 });
  const lineEnding = fc.constantFrom('crlf' as const, 'lf' as const);

  it('reads back what toSrt writes', () => {
    fc.assert(
      fc.property(cues, lineEnding, fc.boolean(), (generated, ending, bom) => {
        const document = parseSubtitles(toSrt(generated, { lineEnding: ending, bom }));
        expect(document).toEqual({ format: 'srt', cues: generated, dropped: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what toVtt writes, including "<", ">" and "&"', () => {
    const vttLine = fc
      .stringMatching(/^[A-Za-z가-힣А-Яа-яЇїЄєІі0-9 ,.!?…“”<>&;#-]{1,40}$/u)
      .map((text) => text.trim())
      .filter((text) => text !== '');
    const vttCues = fc.array(
      fc
        .record({
          start: fc.integer({ min: 0, max: 200 * 3_600_000 }),
          length: fc.integer({ min: 0, max: 100_000 }),
          lines: fc.array(vttLine, { maxLength: 3 }),
        })
        .map(({ start, length, lines }) => ({ start, end: start + length, text: lines.join('\n') })),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(vttCues, lineEnding, fc.boolean(), (generated, ending, bom) => {
        const document = parseSubtitles(toVtt(generated, { lineEnding: ending, bom }));
        expect(document).toEqual({ format: 'vtt', cues: generated, dropped: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what toSrt writes of the sample with forced formats and tags kept', () => {
    for (const language of LANGUAGES) {
      const expected = sampleCues(language);
      expect(cuesOf(toSrt(expected), { format: 'srt', keepTags: true })).toEqual(expected);
      expect(cuesOf(toVtt(expected), { format: 'vtt' })).toEqual(expected);
    }
  });

  it('is a fixed point: writing what it read and reading again changes nothing', () => {
    const fragment = fc.constantFrom(
      '<i>',
      '</i>',
      '{\\an8}',
      '&amp;',
      '&lt;',
      ' ',
      'word',
      'слово',
      '낱말',
      '<font color="red">',
      '</font>',
      '1',
    );
    const text = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), fc.boolean(), (texts, asVtt) => {
        const source = texts.map((t, index) => ({ start: index * 1000, end: index * 1000 + 500, text: t }));
        const written = asVtt ? toVtt(source) : toSrt(source);
        const once = cuesOf(written);
        expect(cuesOf(asVtt ? toVtt(once) : toSrt(once))).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});
