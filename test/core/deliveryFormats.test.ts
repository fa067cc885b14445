import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportText, planExport } from '../../src/export/plan';
import { toAss } from '../../src/formats/ass/ass';
import type { Cue } from '../../src/formats/cue';
import { toSbv } from '../../src/formats/sbv/sbv';
import { detectSubtitleFormat, parseSubtitles } from '../../src/formats/subtitleReader';
import { toTtml } from '../../src/formats/ttml/ttml';
import { parseProject } from '../../src/model/schema';
import { subtitleCue } from '../support/arbitraries';
import { expectGolden } from '../support/golden';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

async function exported(format: 'ttml' | 'ass' | 'sbv', language: 'en' | 'ko' | 'uk' | 'ru'): Promise<string> {
  const plan = await planExport(sample, { documentIds: ['appeal'], languages: [language], format });
  expect(plan.files.map((file) => file.name)).toEqual([`appeal.${language}.${format}`]);
  return exportText(plan.files[0]);
}

/** Sandflow's IMSC renderer, the reference that players build on; its HTML part needs a browser, so only the model is loaded. */
interface ImscNode {
  readonly kind: string;
  readonly text?: string;
  readonly contents?: ReadonlyArray<ImscNode>;
}
interface ImscErrorHandler {
  info(message: string): boolean;
  warn(message: string): boolean;
  error(message: string): boolean;
  fatal(message: string): boolean;
}
const require = createRequire(import.meta.url);
const imscDoc = require('imsc/src/main/js/doc.js') as {
  fromXML(xml: string, errors: ImscErrorHandler): { getMediaTimeEvents(): number[] };
};
const imscIsd = require('imsc/src/main/js/isd.js') as {
  generateISD(document: unknown, seconds: number, errors: ImscErrorHandler): ImscNode;
};

function imscText(node: ImscNode): string {
  if (node.kind === 'br') return '\n';
  return (node.text ?? '') + (node.contents ?? []).map(imscText).join('');
}

describe('TTML (IMSC 1.1 Text)', () => {
  it('writes the Korean appeal exactly as the reviewed golden file', async () => {
    expectGolden('subtitles/appeal.ko.ttml', await exported('ttml', 'ko'));
  });

  it('is read by the imsc renderer without a message, and shows every cue at its time', async () => {
    for (const language of ['en', 'ko', 'uk', 'ru'] as const) {
      const ttml = await exported('ttml', language);
      const messages: string[] = [];
      const handler: ImscErrorHandler = {
        info: (m) => (messages.push(`info: ${m}`), false),
        warn: (m) => (messages.push(`warn: ${m}`), false),
        error: (m) => (messages.push(`error: ${m}`), true),
        fatal: (m) => (messages.push(`fatal: ${m}`), true),
      };
      const document = imscDoc.fromXML(ttml, handler);
      const cues = parseSubtitles(ttml).cues;
      expect(cues.length).toBeGreaterThan(0);
      for (const cue of cues) {
        const shown = imscText(imscIsd.generateISD(document, (cue.start + cue.end) / 2000, handler));
        expect(shown.replace(/\s+/gu, ' ').trim(), language).toBe(cue.text.replace(/\s+/gu, ' ').trim());
      }
      expect(messages, language).toEqual([]);
    }
  });

  it('declares the language, the media time base, the frame rate and the IMSC 1.1 Text profile', () => {
    const ttml = toTtml([{ start: 0, end: 1000, text: 'a' }], { language: 'uk', frameRate: 23.976 });
    expect(ttml).toContain('xml:lang="uk"');
    expect(ttml).toContain('ttp:timeBase="media"');
    expect(ttml).toContain('ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001"');
    expect(ttml).toContain('ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text"');
    expect(toTtml([], { language: 'ko', frameRate: 25 })).toContain('ttp:frameRate="25"');
  });

  it('writes line breaks as <br/>, italics as a span, and escapes markup characters', () => {
    const ttml = toTtml([{ start: 0, end: 1000, text: '<i>Tom</i> & "Jerry"\n1 < 2' }], {
      language: 'en',
      frameRate: 24,
    });
    expect(ttml).toContain('<span tts:fontStyle="italic">Tom</span> &amp; &quot;Jerry&quot;<br/>1 &lt; 2</p>');
  });

  it('reads DFXP and IMSC with offset times, frames, ticks, dur and a div that shifts its paragraphs', () => {
    const dfxp = `<?xml version="1.0" encoding="utf-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25" ttp:tickRate="10000000" xml:lang="ru">
  <body><div begin="10s">
    <p begin="1.5s" end="2500ms">Первая
      строка<br/>вторая</p>
    <p begin="00:00:03:05" dur="50f">кадры</p>
    <p begin="40000000t" end="50000000t"><span tts:fontStyle="italic" xmlns:tts="http://www.w3.org/ns/ttml#styling">такты</span></p>
  </div></body>
</tt>`;
    expect(detectSubtitleFormat(dfxp)).toBe('ttml');
    expect(parseSubtitles(dfxp).cues).toEqual([
      { start: 11_500, end: 12_500, text: 'Первая строка\nвторая' },
      { start: 13_200, end: 15_200, text: 'кадры' },
      { start: 14_000, end: 15_000, text: 'такты' },
    ]);
    expect(parseSubtitles(dfxp, { keepTags: true }).cues[2]?.text).toBe('<i>такты</i>');
  });

  it('refuses broken XML and a DOCTYPE with a message naming the problem', () => {
    expect(() => parseSubtitles('<tt xmlns="http://www.w3.org/ns/ttml"><body><p>', { file: 'x.ttml' })).toThrow(
      /^x\.ttml: line 1: bad XML/u,
    );
    expect(() =>
      parseSubtitles('<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "b">]><tt><body/></tt>', { format: 'ttml' }),
    ).toThrow('TTML files with a DOCTYPE are refused');
  });

  it('reads back what it writes (property)', () => {
    fc.assert(
      fc.property(fc.array(subtitleCue, { minLength: 1, maxLength: 20 }), (cues) => {
        const document = parseSubtitles(toTtml(cues, { language: 'ko', frameRate: 24 }));
        // TTML shows a run of spaces as one (xml:space="default"), and so does the writer.
        const shown = cues.map((cue) => ({ ...cue, text: cue.text.replace(/ +/gu, ' ') }));
        expect(document).toEqual({ format: 'ttml', cues: shown, dropped: [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('ASS/SSA', () => {
  it('writes the Ukrainian appeal exactly as the reviewed golden file', async () => {
    expectGolden('subtitles/appeal.uk.ass', await exported('ass', 'uk'));
  });

  it('gives each language its own style with a font that has Hangul and Cyrillic', () => {
    const ass = toAss([{ start: 0, end: 1000, text: '안녕' }], { language: 'ko' });
    expect(ass).toMatch(/^Style: ko,Noto Sans CJK KR,/mu);
    expect(ass).toContain('Dialogue: 0,0:00:00.00,0:00:01.00,ko,,0,0,0,,안녕');
  });

  it('writes line breaks as \\N and keeps braces and backslashes from starting override codes', () => {
    const ass = toAss([{ start: 1234, end: 2345, text: '<i>a</i> {b}\nc\\N' }], { language: 'en' });
    expect(ass).toContain('Dialogue: 0,0:00:01.23,0:00:02.35,en,,0,0,0,,{\\i1}a{\\i0} ｛b｝\\Nc＼N');
  });

  it('reads dialogue lines, dropping override codes and comments, with \\N as a line break', () => {
    const script = [
      '[Script Info]',
      'ScriptType: v4.00+',
      '',
      '[V4+ Styles]',
      'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
      'Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1',
      '',
      '[Events]',
      'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
      'Comment: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,a note',
      'Dialogue: 0,0:00:01.23,0:00:02.50,Default,Ann,0,0,0,,{\\an8\\i1}Hello{\\i0}\\Nworld, again',
      'Dialogue: 0,1:00:00.00,1:00:01.00,Default,,0,0,0,,Bye\\hnow',
    ].join('\r\n');
    expect(detectSubtitleFormat(script)).toBe('ass');
    expect(parseSubtitles(script).cues).toEqual([
      { start: 1230, end: 2500, text: 'Hello\nworld, again', style: 'Default' },
      { start: 3_600_000, end: 3_601_000, text: 'Bye\u00A0now', style: 'Default' },
    ]);
  });

  it('reads back what it writes, at ASS’s centisecond precision (property)', () => {
    const centiseconds = subtitleCue.map((cue) => ({
      ...cue,
      start: Math.round(cue.start / 10) * 10,
      end: Math.round(cue.end / 10) * 10,
    }));
    fc.assert(
      fc.property(fc.array(centiseconds, { minLength: 1, maxLength: 20 }), (cues: Cue[]) => {
        // Each cue comes back in the style it was written in (the language's), with the script's info and style.
        const read = parseSubtitles(toAss(cues, { language: 'ru' }));
        expect(read).toMatchObject({ format: 'ass', cues: cues.map((cue) => ({ ...cue, style: 'ru' })), dropped: [] });
        expect(read.assScript?.styles.map((style) => style.Name)).toEqual(['ru']);
      }),
      { numRuns: 200 },
    );
  });
});

describe('SBV (YouTube)', () => {
  it('writes the Russian appeal exactly as the reviewed golden file', async () => {
    expectGolden('subtitles/appeal.ru.sbv', await exported('sbv', 'ru'));
  });

  it('writes hours without padding and a comma between the times', () => {
    expect(toSbv([{ start: 3_723_004, end: 3_724_500, text: 'a\nb' }])).toBe('1:02:03.004,1:02:04.500\na\nb\n\n');
  });

  it('reads YouTube’s files and refuses a bad time line with its line number', () => {
    const sbv = '0:00:01.000,0:00:02.500\n>> Hello\nthere\n\n0:00:03.000,0:00:04.000\nWorld\n';
    expect(detectSubtitleFormat(sbv)).toBe('sbv');
    expect(parseSubtitles(sbv).cues).toEqual([
      { start: 1000, end: 2500, text: '>> Hello\nthere' },
      { start: 3000, end: 4000, text: 'World' },
    ]);
    expect(() =>
      parseSubtitles('0:00:01.000,0:00:02.000\na\n\n0:00:61.000,0:01:02.000\nb\n', { format: 'sbv' }),
    ).toThrow('line 4: bad time line "0:00:61.000,0:01:02.000"');
  });

  it('reads back what it writes (property)', () => {
    fc.assert(
      fc.property(fc.array(subtitleCue, { minLength: 1, maxLength: 20 }), (cues) => {
        expect(parseSubtitles(toSbv(cues))).toEqual({ format: 'sbv', cues, dropped: [] });
      }),
      { numRuns: 200 },
    );
  });
});
