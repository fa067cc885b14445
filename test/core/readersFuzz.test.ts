import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/formats/cue';
import { toSrt } from '../../src/formats/srt/write';
import {
  parseSubtitles,
  SubtitleParseError,
  type ParseSubtitlesOptions,
  type SubtitleDocument,
} from '../../src/formats/subtitleReader';
import { toVtt } from '../../src/formats/vtt/write';
import { formatTimestamp } from '../../src/time/timecode';
import { LANGUAGES, type Language } from '../../src/languages';
import { parseProject, ProjectFormatError } from '../../src/model/schema';
import { segmentText } from '../../src/segment/sentences';
import { DecodeError, decodeText, type DecodeOptions } from '../../src/text/decode';

/*
 * Every reader either returns or throws its own documented error class, on
 * any input. Large inputs have no timing asserts: a quadratic or hanging
 * reader shows up as a test timeout (LARGE, far above the expected time).
 */

const LARGE = 60_000;
const TEN_MB = 10 * 1024 * 1024;

const sampleText = readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8');
const sample = parseProject(sampleText);

function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Runs `read`, letting only `errorClass` through; returns the result or undefined when refused. */
function returnsOrThrows<T>(read: () => T, errorClass: ErrorClass): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof errorClass) return undefined;
    throw new Error(`threw ${String(error)} instead of ${errorClass.name}`, { cause: error });
  }
}

/** What every document `parseSubtitles` returns must satisfy. */
function checkDocument(document: SubtitleDocument): void {
  expect(['srt', 'vtt']).toContain(document.format);
  expect(document.cues.length).toBeGreaterThan(0);
  for (const cue of document.cues) {
    if (!Number.isSafeInteger(cue.start) || !Number.isSafeInteger(cue.end) || cue.start < 0 || cue.end < cue.start) {
      throw new Error(`bad cue times ${cue.start} --> ${cue.end}`);
    }
    if (/\r|\n\s*\n|^\s|\s$/u.test(cue.text)) throw new Error(`untidy cue text ${JSON.stringify(cue.text)}`);
  }
}

/** The first cue that differs, for comparing 100,000 cues faster than a deep equality with a diff. */
function firstDifference(actual: ReadonlyArray<Cue>, expected: ReadonlyArray<Cue>): string | undefined {
  if (actual.length !== expected.length) return `${actual.length} cues instead of ${expected.length}`;
  const index = actual.findIndex(
    (cue, at) => cue.start !== expected[at]?.start || cue.end !== expected[at]?.end || cue.text !== expected[at]?.text,
  );
  return index === -1
    ? undefined
    : `cue ${index}: ${JSON.stringify(actual[index])} instead of ${JSON.stringify(expected[index])}`;
}

function readSubtitles(text: string, options?: ParseSubtitlesOptions): SubtitleDocument | undefined {
  const document = returnsOrThrows(() => parseSubtitles(text, options), SubtitleParseError);
  if (document !== undefined) checkDocument(document);
  return document;
}

function readBytes(bytes: Uint8Array, options?: DecodeOptions): string | undefined {
  const decoded = returnsOrThrows(() => decodeText(bytes, options), DecodeError);
  if (decoded !== undefined) expect(typeof decoded.text).toBe('string');
  return decoded?.text;
}

const subtitleToken = fc.constantFrom(
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  ' ',
  '\t',
  '-->',
  ' --> ',
  '->',
  '00:00:01,000',
  '00:01.500',
  '1:02:03.4',
  '00:00:61,000',
  '99:59:59,999',
  '0',
  '1',
  '2',
  '42',
  'WEBVTT',
  'NOTE',
  'STYLE',
  'REGION',
  '<i>',
  '</i>',
  '<b>',
  '<font color="red">',
  '<v Ann>',
  '<00:01.000>',
  '{\\an8}',
  '{\\',
  '&amp;',
  '&#x41;',
  '&#0;',
  '&',
  '<',
  '>',
  'text',
  'слово',
  '낱말',
  'X1:10 X2:20',
  'align:start line:0',
  '\uFEFF',
  '\0',
  '\u0001',
  '\uFFFD',
  '\u001A',
);
const subtitleSoup = fc.array(subtitleToken, { maxLength: 80 }).map((tokens) => tokens.join(''));
const parseOptions = fc.record(
  {
    format: fc.constantFrom('srt' as const, 'vtt' as const, 'auto' as const),
    keepTags: fc.boolean(),
    file: fc.string(),
  },
  { requiredKeys: [] },
);
const decodeOptions = fc.record(
  {
    language: fc.constantFrom(...LANGUAGES),
    encoding: fc.constantFrom('utf-8', 'utf-16le', 'windows-1251', 'koi8-u', 'euc-kr', 'cp949', 'nonsense'),
  },
  { requiredKeys: [] },
);

const WRONG_VALUES: ReadonlyArray<unknown> = [
  undefined,
  null,
  0,
  42,
  Number.NaN,
  true,
  {},
  [],
  ['WEBVTT'],
  () => 'WEBVTT',
  Symbol('text'),
  10n,
  new Uint8Array([0x31]),
  new ArrayBuffer(4),
  new Date(0),
  Object.create(null),
];

describe('parseSubtitles on arbitrary input', () => {
  it('returns or throws SubtitleParseError for random strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), parseOptions, (text, options) => {
        readSubtitles(text, options);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns or throws SubtitleParseError for soups of subtitle tokens (property)', () => {
    fc.assert(
      fc.property(subtitleSoup, parseOptions, (text, options) => {
        readSubtitles(text, options);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns or throws SubtitleParseError for every truncation of valid files', () => {
    const files = [
      fixtureText('appeal.ko.srt'),
      fixtureText('subtitles/quirks.srt'),
      fixtureText('subtitles/quirks.vtt'),
      toVtt(parseSubtitles(fixtureText('appeal.ko.srt')).cues, { lineEnding: 'crlf', bom: true }),
    ];
    for (const file of files) {
      for (let end = 0; end <= file.length; end++) {
        for (const keepTags of [false, true]) readSubtitles(file.slice(0, end), { keepTags });
      }
    }
  });

  it('throws only SubtitleParseError for wrong types of text and options', () => {
    for (const value of WRONG_VALUES) {
      expect(() => parseSubtitles(value as string)).toThrow(SubtitleParseError);
      readSubtitles('1\n00:00:01,000 --> 00:00:02,000\nHi', value as ParseSubtitlesOptions);
      readSubtitles('1\n00:00:01,000 --> 00:00:02,000\nHi', { format: value as 'srt', file: value as string });
    }
  });
});

describe('parseSubtitles on large input', () => {
  const cue = '1\n00:00:01,000 --> 00:00:02,000\n';

  it(
    'reads a cue with a 10 MB line of text',
    () => {
      const line = 'word '.repeat(TEN_MB / 5).trim();
      const document = parseSubtitles(`${cue}${line}\n`);
      expect(document.cues[0]?.text.length).toBe(line.length);
    },
    LARGE,
  );

  it.each([
    ['letters', 'a'],
    ['digits', '9'],
    ['arrows', '-->'],
    ['unclosed tags', '<i '],
    ['less-than signs', '<'],
    ['ASS code openings', '{\\'],
    ['character reference openings', '&#'],
    ['timestamps', '00:00:01,000 '],
    ['control characters', '\u0001'],
    ['end-of-file marks', '\u001A'],
    ['byte order marks', '\uFEFF'],
  ])(
    'returns or refuses a 10 MB line of %s, alone, in a cue and in WebVTT',
    (_name, unit) => {
      const line = unit.repeat(Math.ceil(TEN_MB / unit.length));
      readSubtitles(line);
      readSubtitles(`${cue}${line}`);
      readSubtitles(`WEBVTT\n\n00:01.000 --> 00:02.000\n${line}`);
      readSubtitles(`00:00:01,000 --> ${line}`);
    },
    LARGE,
  );

  it(
    'reads 100,000 cues written by toSrt and toVtt, with CRLF, LF or CR',
    () => {
      const cues: Cue[] = Array.from({ length: 100_000 }, (_, index) => ({
        start: index * 1000,
        end: index * 1000 + 900,
        text: index % 2 === 0 ? `Line ${index}\nРядок ${index}` : `<i>${index}</i> 자막`,
      }));
      const expected = cues.map((c) => ({ ...c, text: c.text.replace(/<\/?i>/gu, '') }));
      expect(firstDifference(parseSubtitles(toSrt(cues)).cues, expected)).toBeUndefined();
      const crOnly = toSrt(cues, { lineEnding: 'lf' }).replaceAll('\n', '\r');
      expect(firstDifference(parseSubtitles(crOnly).cues, expected)).toBeUndefined();
      // toVtt escapes "<", so in WebVTT the tags are text and come back as written.
      expect(firstDifference(parseSubtitles(toVtt(cues)).cues, cues)).toBeUndefined();
    },
    LARGE,
  );

  it(
    'reads 100,000 cues without index numbers or blank lines',
    () => {
      const text = Array.from(
        { length: 100_000 },
        (_, index) => `${formatTimestamp(index * 1000, '.')} --> ${formatTimestamp(index * 1000 + 500)}\n${index}`,
      ).join('\n');
      const document = parseSubtitles(text);
      expect(document.cues.length).toBe(100_000);
      expect(document.cues[99_999]).toEqual({ start: 99_999_000, end: 99_999_500, text: '99999' });
    },
    LARGE,
  );

  it(
    'strips 100,000 nested tags and keeps them with keepTags',
    () => {
      const nested = `${'<i><b>'.repeat(100_000)}deep${'</b></i>'.repeat(100_000)}`;
      expect(parseSubtitles(`${cue}${nested}`).cues[0]?.text).toBe('deep');
      expect(parseSubtitles(`${cue}${nested}`, { keepTags: true }).cues[0]?.text).toBe(nested);
      const codes = `${'{\\an8}{\\i1}'.repeat(100_000)}top`;
      expect(parseSubtitles(`${cue}${codes}`).cues[0]?.text).toBe('top');
      const unclosed = '<font color="'.repeat(100_000);
      expect(parseSubtitles(`${cue}${unclosed}`).cues[0]?.text).toBe(unclosed);
      const voices = `WEBVTT\n\n00:01.000 --> 00:02.000\n${'<v A><c.x.y>'.repeat(100_000)}&amp;${'</c></v>'.repeat(100_000)}`;
      expect(parseSubtitles(voices).cues[0]?.text).toBe('&');
    },
    LARGE,
  );
});

describe('decodeText on arbitrary input', () => {
  it('returns or throws DecodeError for random bytes, and what it returns parses or is refused (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), decodeOptions, (bytes, options) => {
        const text = readBytes(bytes, options);
        if (text !== undefined) readSubtitles(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns or throws DecodeError for random high bytes, which take the legacy path (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ min: 0x80, maxLength: 300 }),
        fc.constantFrom(...LANGUAGES, undefined),
        (bytes, language) => {
          readBytes(bytes, language === undefined ? {} : { language });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns or throws DecodeError for every truncation of encoded subtitle files', () => {
    const golden = fixtureText('appeal.ko.srt');
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from(golden, (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat(),
    ]);
    const files = [fixtureBytes('subtitles/appeal.ko.cp949.srt'), new TextEncoder().encode(golden), utf16];
    for (const file of files) {
      for (let end = 0; end <= file.length; end++) {
        const text = readBytes(file.subarray(0, end));
        if (text !== undefined) readSubtitles(text);
      }
    }
  });

  it('throws only DecodeError for wrong types of bytes and options', () => {
    for (const value of WRONG_VALUES) {
      if (value instanceof Uint8Array) continue;
      expect(() => decodeText(value as Uint8Array)).toThrow(DecodeError);
      readBytes(new Uint8Array([0x41]), value as DecodeOptions);
      readBytes(new Uint8Array([0x41]), { language: value as Language });
      readBytes(new Uint8Array([0x41]), { encoding: value as string });
    }
  });

  it(
    'decodes 10 MB of UTF-8, of legacy bytes and of binary data',
    () => {
      const russian = new TextEncoder().encode('Привет, мир. '.repeat(TEN_MB / 24));
      expect(decodeText(russian).encoding).toBe('utf-8');
      const legacy = new Uint8Array(TEN_MB);
      const binary = new Uint8Array(TEN_MB);
      for (let index = 0; index < TEN_MB; index++) {
        legacy[index] = index % 7 === 6 ? 0x20 : 0xc0 + ((index * 31) % 64);
        binary[index] = Math.imul(index, 2_654_435_761) >>> 24;
      }
      for (const language of [...LANGUAGES, undefined]) readBytes(legacy, language === undefined ? {} : { language });
      expect(() => decodeText(binary)).toThrow(DecodeError);
      readBytes(new Uint8Array(TEN_MB).fill(0xe0));
      readBytes(new Uint8Array(TEN_MB + 1).fill(0x41));
    },
    LARGE,
  );
});

describe('parseProject on arbitrary input', () => {
  it('returns or throws ProjectFormatError for random strings and JSON (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        (text) => {
          returnsOrThrows(() => parseProject(text), ProjectFormatError);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('returns or throws ProjectFormatError for truncations of the sample and random edits of it', () => {
    for (let end = 0; end <= sampleText.length; end += 37) {
      returnsOrThrows(() => parseProject(sampleText.slice(0, end)), ProjectFormatError);
    }
    fc.assert(
      fc.property(fc.nat(sampleText.length), fc.string({ maxLength: 3 }), (at, insert) => {
        returnsOrThrows(
          () => parseProject(sampleText.slice(0, at) + insert + sampleText.slice(at + 1)),
          ProjectFormatError,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('throws only ProjectFormatError for wrong types', () => {
    for (const value of WRONG_VALUES) {
      expect(() => parseProject(value as string)).toThrow(ProjectFormatError);
    }
  });

  it(
    'refuses a 10 MB line and deeply nested JSON',
    () => {
      expect(() => parseProject('x'.repeat(TEN_MB))).toThrow(ProjectFormatError);
      expect(() => parseProject(`"${'a'.repeat(TEN_MB)}"`)).toThrow(ProjectFormatError);
      expect(() => parseProject(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toThrow(ProjectFormatError);
      const deepNotes = sampleText.replace('"notes": [', `"notes": [${'['.repeat(100_000)}${']'.repeat(100_000)},`);
      expect(() => parseProject(deepNotes)).toThrow(ProjectFormatError);
    },
    LARGE,
  );

  it('reads the sample, so the fuzzing above reaches past the first check', () => {
    expect(sample.documents.length).toBeGreaterThan(0);
  });
});

describe('segmentText on arbitrary input', () => {
  it('returns sentences for random strings in every language (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), subtitleSoup),
        fc.constantFrom(...LANGUAGES),
        (text, language) => {
          const sentences = segmentText(text, language);
          for (const sentence of sentences) expect(sentence.text.trim()).toBe(sentence.text);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it(
    'returns for a 10 MB line without sentence breaks and for 50,000 one-sentence lines',
    () => {
      expect(segmentText('a'.repeat(TEN_MB), 'en')).toHaveLength(1);
      expect(segmentText('Це речення.\n'.repeat(50_000), 'uk')).toHaveLength(50_000);
    },
    LARGE,
  );

  // segmentText documents no error class: a value that is not a string, or a language outside the
  // union, fails inside it with a TypeError. Recorded here so that a change is noticed.
  it('fails with a TypeError, and nothing else, for wrong types', () => {
    for (const value of WRONG_VALUES) {
      if (typeof value === 'string') continue;
      expect(() => segmentText(value as string, 'en')).toThrow(TypeError);
    }
    expect(() => segmentText('One. Two.', 'xx' as Language)).toThrow(TypeError);
  });

  // Regression: V8's Intl.Segmenter walks one long string in quadratic time (20,000 sentences in one
  // paragraph took 14 s), and a run of abbreviations re-scanned the growing sentence ("Dr. " × 40,000
  // took 40 s); segmentSentences now feeds the breaker in chunks and looks only at the last piece.
  it(
    'segments one 10 MB paragraph in linear time',
    () => {
      expect(segmentText('This is a sentence. '.repeat(TEN_MB / 20), 'en').length).toBe(TEN_MB / 20);
      // A megabyte of nothing but abbreviations (262,144 of them; 40,000 took 40 s before).
      expect(segmentText('Dr. '.repeat(TEN_MB / 40), 'en')).toHaveLength(1);
    },
    LARGE,
  );
});
