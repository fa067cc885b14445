import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSubtitles } from '../../src/formats/subtitleReader';
import type { Language } from '../../src/languages';
import { parseProject } from '../../src/model/schema';
import { DecodeError, decodeText, type DecodeOptions } from '../../src/text/decode';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
}

/** Every non-empty text of the sample in one language, from both documents. */
function sampleSentences(language: Language): string[] {
  return sample.documents.flatMap((document) =>
    document.segments.map((segment) => segment.texts[language].trim()).filter((text) => text !== ''),
  );
}

/**
 * Decodes with the platform's decoder through its streaming path.
 *
 * Node 20's one-shot decode drops windows-1252 bytes 0x80–0x9F; see `decodeAll` in src/text/decode.ts.
 */
function platformDecode(label: string, bytes: Uint8Array): string {
  const decoder = new TextDecoder(label);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/** Byte for each character of a single-byte encoding, built from the platform's own decoder. */
function reverseMap(label: string): Map<string, number> {
  const map = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const character = platformDecode(label, new Uint8Array([byte]));
    if (character !== '\uFFFD' && !map.has(character)) map.set(character, byte);
  }
  return map;
}

/** Encodes text in a single-byte encoding, or returns undefined when a character has no byte there. */
function encodeSingleByte(text: string, label: string): Uint8Array | undefined {
  const map = reverseMap(label);
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const byte = code < 0x80 ? code : map.get(character);
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  return new Uint8Array(bytes);
}

function utf16(text: string, endianness: 'le' | 'be', bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (endianness === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const pair = [unit & 0xff, unit >> 8];
    bytes.push(...(endianness === 'le' ? pair : pair.reverse()));
  }
  return new Uint8Array(bytes);
}

function errorOf(bytes: Uint8Array, options?: DecodeOptions): DecodeError {
  try {
    decodeText(bytes, options);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected the bytes to be refused');
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeText: Unicode', () => {
  it('reads UTF-8 with and without a byte order mark, which is removed', () => {
    expect(decodeText(utf8('\uFEFFПривет, 세계'))).toEqual({ text: 'Привет, 세계', encoding: 'utf-8' });
    expect(decodeText(utf8('Привет, 세계'))).toEqual({ text: 'Привет, 세계', encoding: 'utf-8' });
  });

  it('reads ASCII and empty input as UTF-8', () => {
    expect(decodeText(utf8('Hello\r\n'))).toEqual({ text: 'Hello\r\n', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it.each(['le', 'be'] as const)('reads UTF-16 %s by its byte order mark', (endianness) => {
    const text = 'Привіт, 세계! Hello.';
    expect(decodeText(utf16(text, endianness, true))).toEqual({ text, encoding: `utf-16${endianness}` });
  });

  it.each(['le', 'be'] as const)(
    'reads UTF-16 %s without a byte order mark by where its zero bytes fall',
    (endianness) => {
      for (const text of [
        '1\r\n00:00:01,000 --> 00:00:02,000\r\nПривет\r\n',
        '안녕하세요, 여러분! (Hello, everyone!)',
      ]) {
        expect(decodeText(utf16(text, endianness, false))).toEqual({ text, encoding: `utf-16${endianness}` });
      }
    },
  );

  it('refuses UTF-8 that is broken after a UTF-8 byte order mark', () => {
    const error = errorOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xcf, 0xf0, 0xe8]));
    expect(error.problem).toBe('invalid-text');
    expect(error.message).toBe('starts with a UTF-8 byte order mark but is not valid UTF-8');
  });
});

describe('decodeText: legacy encodings', () => {
  it.each([
    ['ru', 'windows-1251'],
    ['ru', 'koi8-r'],
    ['ru', 'koi8-u'],
    ['uk', 'windows-1251'],
    ['uk', 'koi8-u'],
  ] as const)(
    'reads every %s sentence of the sample encoded in %s, with and without the language',
    (language, label) => {
      let checked = 0;
      for (const sentence of sampleSentences(language)) {
        const bytes = encodeSingleByte(sentence, label);
        if (bytes === undefined || !/\P{ASCII}/u.test(sentence)) continue;
        for (const options of [{ language }, {}]) {
          const decoded = decodeText(bytes, options);
          expect(decoded.text).toBe(sentence);
          // KOI8-R and KOI8-U differ only in Ukrainian letters; either name reads such a text alike.
          expect(platformDecode(decoded.encoding, bytes)).toBe(sentence);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    },
  );

  it.each([
    ['ru', 'windows-1251', 'windows-1251'],
    ['ru', 'koi8-r', 'koi8-r'],
    ['uk', 'windows-1251', 'windows-1251'],
    ['uk', 'koi8-u', 'koi8-u'],
  ] as const)('names the encoding of the whole %s sample in %s', (language, label, expected) => {
    const text = sampleSentences(language)
      .filter((sentence) => encodeSingleByte(sentence, label) !== undefined)
      .join('\n');
    const bytes = encodeSingleByte(text, label);
    expect(bytes).toBeDefined();
    expect(decodeText(bytes!, { language })).toEqual({ text, encoding: expected });
    expect(decodeText(bytes!)).toEqual({ text, encoding: expected });
  });

  it('reads Ukrainian in KOI8-U rather than KOI8-R, which has box drawing where KOI8-U has і, ї, є', () => {
    const text = 'Ми не просто приймемо вас (як військовополонених), ми допоможемо вам почати нове життя.';
    expect(decodeText(encodeSingleByte(text, 'koi8-u')!)).toEqual({ text, encoding: 'koi8-u' });
  });

  it('picks the right encoding for random mixes of sample sentences (property)', () => {
    // Ukrainian cannot be written in KOI8-R, which lacks і, ї, є and ґ.
    const pairs = [
      ['ru', 'windows-1251'],
      ['ru', 'koi8-r'],
      ['ru', 'koi8-u'],
      ['uk', 'windows-1251'],
      ['uk', 'koi8-u'],
    ] as const;
    const cases = pairs.map(([language, label]) => ({
      language,
      label,
      sentences: sampleSentences(language).filter(
        (sentence) => /[А-яІіЇїЄєҐґ]/u.test(sentence) && encodeSingleByte(sentence, label) !== undefined,
      ),
    }));
    fc.assert(
      fc.property(
        fc.constantFrom(...cases).chain((testCase) =>
          fc.record({
            testCase: fc.constant(testCase),
            picked: fc.subarray(testCase.sentences, { minLength: 1, maxLength: 6 }),
            separator: fc.constantFrom(' ', '\n', '\r\n\r\n'),
            hinted: fc.boolean(),
          }),
        ),
        ({ testCase, picked, separator, hinted }) => {
          const text = picked.join(separator);
          const bytes = encodeSingleByte(text, testCase.label)!;
          const decoded = decodeText(bytes, hinted ? { language: testCase.language } : {});
          expect(decoded.text).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  describe('Korean (CP949 fixtures made with Python’s codecs)', () => {
    const bytes = fixtureBytes('subtitles/korean-sentences.cp949.txt');
    const lines = platformDecode('euc-kr', bytes)
      .split('\n')
      .filter((line) => line !== '');

    it('holds real Korean sentences of the sample', () => {
      const sentences = new Set(sampleSentences('ko'));
      expect(lines.length).toBeGreaterThan(30);
      expect(lines.every((line) => sentences.has(line))).toBe(true);
    });

    it('reads each sentence as euc-kr with and without the language', () => {
      let start = 0;
      let checked = 0;
      for (let index = 0; index < bytes.length; index++) {
        if (bytes[index] !== 0x0a) continue;
        const line = bytes.subarray(start, index);
        start = index + 1;
        for (const options of [{ language: 'ko' as const }, {}]) {
          expect(decodeText(line, options)).toEqual({ text: lines[checked], encoding: 'euc-kr' });
        }
        checked++;
      }
      expect(checked).toBe(lines.length);
    });

    it('reads the Korean golden SRT saved in CP949 into the same cues', () => {
      const golden = readFileSync(new URL('../fixtures/appeal.ko.srt', import.meta.url), 'utf8');
      const decoded = decodeText(fixtureBytes('subtitles/appeal.ko.cp949.srt'));
      expect(decoded).toEqual({ text: golden, encoding: 'euc-kr' });
      expect(parseSubtitles(decoded.text)).toEqual(parseSubtitles(golden));
    });
  });

  it('reads English with curly quotes as windows-1252', () => {
    const text = '“Don’t go,” she said – café… naïve';
    expect(decodeText(encodeSingleByte(text, 'windows-1252')!, { language: 'en' })).toEqual({
      text,
      encoding: 'windows-1252',
    });
    expect(decodeText(encodeSingleByte(text, 'windows-1252')!)).toEqual({ text, encoding: 'windows-1252' });
  });

  it('leaves the expected language’s encodings when a whole file clearly reads better in another', () => {
    expect(decodeText(fixtureBytes('subtitles/korean-sentences.cp949.txt'), { language: 'ru' }).encoding).toBe(
      'euc-kr',
    );
    const russian = sampleSentences('ru')
      .filter((sentence) => encodeSingleByte(sentence, 'windows-1251') !== undefined)
      .join('\n');
    for (const language of ['ko', 'en'] as const) {
      expect(decodeText(encodeSingleByte(russian, 'windows-1251')!, { language })).toEqual({
        text: russian,
        encoding: 'windows-1251',
      });
    }
  });

  it('keeps the expected language’s encoding for a short line of rare letters', () => {
    expect(decodeText(encodeSingleByte('…на юг…', 'windows-1251')!, { language: 'ru' })).toEqual({
      text: '…на юг…',
      encoding: 'windows-1251',
    });
  });
});

describe('decodeText: overrides and refusals', () => {
  it.each([
    ['windows-1251', 'windows-1251'],
    ['CP1251', 'windows-1251'],
    [' koi8-u ', 'koi8-u'],
    ['koi8u', 'koi8-u'],
    ['cp949', 'euc-kr'],
    ['ks_c_5601-1987', 'euc-kr'],
    ['latin1', 'windows-1252'],
  ])('decodes with the label %j as %s', (label, name) => {
    expect(decodeText(utf8('abc'), { encoding: label })).toEqual({ text: 'abc', encoding: name });
  });

  it('decodes with the label even when detection would choose otherwise', () => {
    const bytes = encodeSingleByte('Привет', 'windows-1251')!;
    expect(decodeText(bytes, { encoding: 'koi8-r' })).toEqual({ text: 'оПХБЕР', encoding: 'koi8-r' });
    expect(decodeText(utf16('Hi', 'le', false), { encoding: 'utf-16le' })).toEqual({
      text: 'Hi',
      encoding: 'utf-16le',
    });
  });

  it.each(['cp1234', 'iso-2022-kr', 'utf-32', ''])('refuses the unknown or unsafe label %j', (label) => {
    const error = errorOf(utf8('abc'), { encoding: label });
    expect(error.problem).toBe('unknown-encoding');
    expect(error.message).toContain(`"${label}"`);
  });

  it('refuses binary data: NUL bytes in legacy or UTF-8 bytes, NUL characters in UTF-16', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    for (const bytes of [png, utf8('text\0more'), utf16('a\0b', 'le', true), new Uint8Array([0xcf, 0x00, 0xf0])]) {
      const error = errorOf(bytes);
      expect(error.problem).toBe('binary');
      expect(error.message).toBe('binary data, not text (it contains NUL bytes)');
    }
    expect(errorOf(utf8('a\0b'), { encoding: 'windows-1251' }).problem).toBe('binary');
  });

  it('refuses arguments of the wrong type with its own error', () => {
    expect(errorOf('text' as unknown as Uint8Array).problem).toBe('bad-argument');
    expect(errorOf(null as unknown as Uint8Array).problem).toBe('bad-argument');
    expect(errorOf(utf8('a'), { language: 'kr' as Language }).message).toBe('unknown language "kr"');
    expect(errorOf(utf8('a'), { encoding: 1251 as unknown as string }).problem).toBe('bad-argument');
  });

  it('decodes windows-1252 bytes 0x80–0x9F, which Node 20’s one-shot TextDecoder drops', () => {
    const bytes = new Uint8Array([0x93, 0x80, 0x92, 0x85, 0x94]);
    expect(decodeText(bytes, { encoding: 'windows-1252' })).toEqual({ text: '“€’…”', encoding: 'windows-1252' });
    expect(decodeText(bytes, { language: 'en' })).toEqual({ text: '“€’…”', encoding: 'windows-1252' });
  });

  it('accepts a Node Buffer, which is a Uint8Array', () => {
    expect(decodeText(Buffer.from('Привет', 'utf8'))).toEqual({ text: 'Привет', encoding: 'utf-8' });
  });
});

describe('decodeText: UTF-32 with a byte order mark (issue 15, cause 6)', () => {
  /** Text as UTF-32 with its byte order mark, as some Windows tools save subtitles. */
  function utf32(text: string, littleEndian: boolean): Uint8Array {
    const points = [0xfeff, ...Array.from(text, (character) => character.codePointAt(0)!)];
    const view = new DataView(new ArrayBuffer(points.length * 4));
    points.forEach((point, index) => view.setUint32(index * 4, point, littleEndian));
    return new Uint8Array(view.buffer);
  }
  const srt = '1\r\n00:00:01,000 --> 00:00:02,000\r\n안녕하세요 Привіт 🎬\r\n';

  it('reads UTF-32 LE and BE subtitles instead of refusing them as binary', () => {
    for (const littleEndian of [true, false]) {
      const decoded = decodeText(utf32(srt, littleEndian));
      expect(decoded).toEqual({ text: srt, encoding: littleEndian ? 'utf-32le' : 'utf-32be' });
      expect(parseSubtitles(decoded.text).cues[0]?.text).toBe('안녕하세요 Привіт 🎬');
    }
  });

  it('refuses UTF-32 whose length is not whole characters, or with a code point past U+10FFFF', () => {
    const cut = utf32(srt, true).slice(0, -1);
    expect(() => decodeText(cut)).toThrow(/UTF-32/u);
    const bad = utf32('ab', true);
    new DataView(bad.buffer).setUint32(4, 0x110000, true);
    expect(() => decodeText(bad)).toThrow(/UTF-32/u);
  });
});
