import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planExport } from '../../src/export/plan';
import { FormatRefusal } from '../../src/formats/entry';
import { toStl } from '../../src/formats/stl/stl';
import { parseProject } from '../../src/model/schema';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.slice(from, from + length));

describe('EBU STL', () => {
  it('writes the Ukrainian appeal exactly as the reviewed golden file', async () => {
    const plan = await planExport(sample, { documentIds: ['appeal'], languages: ['uk'], format: 'stl' });
    expect(plan.files.map((file) => file.name)).toEqual(['appeal.uk.stl']);
    const bytes = plan.files[0]?.content;
    expect(bytes).toBeInstanceOf(Uint8Array);
    const golden = new URL('../fixtures/subtitles/appeal.uk.stl', import.meta.url);
    // UPDATE_GOLDEN=1 rewrites it, as expectGolden does for text; review the change before committing.
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, bytes as Uint8Array);
    expect(Buffer.from(bytes as Uint8Array).equals(readFileSync(golden))).toBe(true);
  });

  it('declares Teletext, the frame rate, the language and the character table the language needs', () => {
    const uk = toStl([{ start: 1000, end: 2000, text: 'Їжак і ґанок' }], { language: 'uk', frameRate: 24 });
    expect(uk.length).toBe(1024 + 128);
    expect(ascii(uk, 0, 3)).toBe('850');
    expect(ascii(uk, 3, 8)).toBe('STL25.01');
    expect(ascii(uk, 11, 1)).toBe('1');
    expect(ascii(uk, 12, 2)).toBe('01');
    expect(ascii(uk, 14, 2)).toBe('49');
    const en = toStl([], { language: 'en', frameRate: 29.97 });
    expect([ascii(en, 3, 8), ascii(en, 12, 2), ascii(en, 14, 2)]).toEqual(['STL30.01', '00', '09']);
    expect(ascii(toStl([], { language: 'ru', frameRate: 25 }), 14, 2)).toBe('56');
  });

  it('writes each cue as a TTI block: number, time codes, bottom rows, centred, lines split by 0x8A', () => {
    const bytes = toStl([{ start: 3_723_040, end: 3_724_000, text: 'One\n“Two” — 3…' }], {
      language: 'en',
      frameRate: 25,
    });
    const tti = bytes.slice(1024);
    expect([...tti.slice(0, 16)]).toEqual([0, 1, 0, 0xff, 0, 1, 2, 3, 1, 1, 2, 4, 0, 20, 2, 0]);
    expect([...tti.slice(16, 33)]).toEqual([
      0x4f, 0x6e, 0x65, 0x8a, 0xaa, 0x54, 0x77, 0x6f, 0xba, 0x20, 0xd0, 0x20, 0x33, 0x2e, 0x2e, 0x2e, 0x8f,
    ]);
  });

  it('refuses Korean with a clear message instead of writing mojibake', async () => {
    expect(() => toStl([{ start: 0, end: 1000, text: '안녕' }], { language: 'ko', frameRate: 25 })).toThrow(
      new FormatRefusal(
        'language-not-supported',
        'EBU STL cannot hold Korean: its Teletext character tables (ISO 6937 and the others) have no Hangul',
      ),
    );
    const plan = await planExport(sample, { documentIds: ['appeal'], languages: ['ko', 'ru'], format: 'stl' });
    expect(plan.files.map((file) => file.name)).toEqual(['appeal.ru.stl']);
    expect(plan.warnings).toContainEqual({ documentId: 'appeal', language: 'ko', code: 'language-not-supported' });
  });

  it('dates the header with the export time the caller gives (creation and revision date, YYMMDD)', async () => {
    const exportedAt = new Date(2026, 2, 5, 12, 0, 0);
    const bytes = toStl([{ start: 0, end: 1000, text: 'One' }], { language: 'en', frameRate: 25, date: exportedAt });
    expect([ascii(bytes, 224, 6), ascii(bytes, 230, 6)]).toEqual(['260305', '260305']);
    const plan = await planExport(sample, { documentIds: ['appeal'], languages: ['ru'], format: 'stl', exportedAt });
    const planned = plan.files[0]?.content as Uint8Array;
    expect([ascii(planned, 224, 6), ascii(planned, 230, 6)]).toEqual(['260305', '260305']);
  });

  it('writes Ґ and ґ as Г and г (ISO 8859-5 has no Ґ), and warns naming each cue and the letters', async () => {
    const told: Array<[number, string, string]> = [];
    const bytes = toStl(
      [
        { start: 0, end: 1000, text: 'Їжак' },
        { start: 1000, end: 2000, text: 'Ґанок і ґудзик' },
      ],
      {
        language: 'uk',
        frameRate: 25,
        onReplaced: (cue, characters, writtenAs) => told.push([cue, characters, writtenAs]),
      },
    );
    expect(told).toEqual([[1, 'Ґґ', 'Гг']]);
    const text = [...bytes.slice(1024 + 128 + 16, 1024 + 128 + 16 + 14)];
    // Г is 0xB3 and г 0xD3 in ISO 8859-5.
    expect(text[0]).toBe(0xb3);
    expect(text[8]).toBe(0xd3);

    const withGhe = {
      ...sample,
      documents: sample.documents.map((document) =>
        document.id !== 'appeal'
          ? document
          : {
              ...document,
              segments: document.segments.map((segment, index) =>
                index === 2 ? { ...segment, texts: { ...segment.texts, uk: `Ґанок. ${segment.texts.uk}` } } : segment,
              ),
            },
      ),
    };
    const segmentId = withGhe.documents.find((d) => d.id === 'appeal')?.segments[2]?.id;
    expect(segmentId).toBeDefined();
    const plan = await planExport(withGhe, { documentIds: ['appeal'], languages: ['uk', 'ru'], format: 'stl' });
    expect(plan.files.map((file) => file.name)).toEqual(['appeal.uk.stl', 'appeal.ru.stl']);
    expect(plan.warnings.filter((warning) => warning.code === 'characters-replaced')).toEqual([
      { documentId: 'appeal', language: 'uk', segmentId, characters: 'Ґ', writtenAs: 'Г', code: 'characters-replaced' },
    ]);
  });
});
