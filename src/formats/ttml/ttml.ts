import type { Language } from '../../languages';
import { cueLines, newlineOf, type Cue, type LineEnding } from '../cue';
import { excerpt, type ReadContext } from '../subtitleText';
import { elements, parseXml, XmlError, xmlSafeText, type XmlElement, type XmlNode } from '../xml';

export interface TtmlOptions {
  /** `xml:lang` of the document. */
  readonly language: Language;
  /** The programme's frames per second, as `ttp:frameRate` (and `ttp:frameRateMultiplier` for 23.976 and the like). */
  readonly frameRate: number;
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
}

const TT = 'http://www.w3.org/ns/ttml';
const TTP = 'http://www.w3.org/ns/ttml#parameter';
const TTS = 'http://www.w3.org/ns/ttml#styling';
/** The IMSC 1.1 Text Profile designator (IMSC 1.1, §5.2). */
const IMSC_11_TEXT = 'http://www.w3.org/ns/ttml/profile/imsc1.1/text';

function escapeXml(text: string): string {
  return xmlSafeText(text).replace(/[&<>"]/gu, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** `HH:MM:SS.mmm`: a clock time, which IMSC allows with `ttp:timeBase="media"`. */
function clockTime(ms: number): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/**
 * `ttp:frameRate` and, for NTSC-style rates (23.976, 29.97, 59.94), `ttp:frameRateMultiplier="1000 1001"`.
 */
function frameRateAttributes(frameRate: number): string {
  const whole = Math.round(frameRate);
  const ntsc = Math.round((frameRate * 1001) / 1000);
  if (Math.abs(frameRate - whole) < 0.001) return `ttp:frameRate="${whole}"`;
  if (Math.abs(frameRate - (ntsc * 1000) / 1001) < 0.01) {
    return `ttp:frameRate="${ntsc}" ttp:frameRateMultiplier="1000 1001"`;
  }
  return `ttp:frameRate="${whole}"`;
}

/** One line of cue text; `<i>…</i>` a translator typed becomes an italic span. */
function lineContent(line: string): string {
  return line.split(/(<i>|<\/i>)/u).reduce<{ out: string; italic: boolean }>(
    (state, part) => {
      if (part === '<i>') return { out: state.out, italic: true };
      if (part === '</i>') return { out: state.out, italic: false };
      if (part === '') return state;
      const text = escapeXml(part);
      return {
        out: state.out + (state.italic ? `<span tts:fontStyle="italic">${text}</span>` : text),
        italic: state.italic,
      };
    },
    { out: '', italic: false },
  ).out;
}

/**
 * Writes cues as TTML in the IMSC 1.1 Text Profile, one document per language.
 *
 * `xml:lang` names the language, `ttp:timeBase="media"` with clock times,
 * `ttp:frameRate` from the project; one region at the bottom centre of the
 * picture (the usual subtitle area, inside the 10 % safe margins), lines
 * separated by `<br/>`, `<i>` typed in a cue as an italic span. The font
 * family is the generic `proportionalSansSerif`, so each player picks a font
 * that has Hangul and Cyrillic.
 */
export function toTtml(cues: ReadonlyArray<Cue>, options: TtmlOptions): string {
  const newline = newlineOf(options.lineEnding, 'lf');
  const paragraphs = cues.map((cue, index) => {
    // TTML collapses runs of white space (xml:space="default"), so they are written as players show them.
    const content = cueLines(cue.text)
      .map((line) => lineContent(line.replace(/\s+/gu, ' ')))
      .join('<br/>');
    return `      <p xml:id="c${index + 1}" begin="${clockTime(cue.start)}" end="${clockTime(cue.end)}">${content}</p>`;
  });
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<tt xmlns="${TT}" xmlns:ttp="${TTP}" xmlns:tts="${TTS}" xml:lang="${options.language}" ttp:timeBase="media" ${frameRateAttributes(options.frameRate)} ttp:contentProfiles="${IMSC_11_TEXT}">`,
    '  <head>',
    '    <styling>',
    '      <style xml:id="subtitle" tts:fontFamily="proportionalSansSerif" tts:fontSize="100%" tts:lineHeight="125%" tts:color="white" tts:backgroundColor="rgba(0,0,0,204)" tts:textAlign="center"/>',
    '    </styling>',
    '    <layout>',
    '      <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:textAlign="center"/>',
    '    </layout>',
    '  </head>',
    '  <body region="bottom" style="subtitle">',
    '    <div>',
    ...paragraphs,
    '    </div>',
    '  </body>',
    '</tt>',
  ];
  return (options.bom === true ? '\uFEFF' : '') + lines.join(newline) + newline;
}

/** Whether the text is TTML: XML whose root is `<tt>` (with or without a prefix). */
export function isTtml(text: string): boolean {
  const head = text
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .slice(0, 2048);
  return /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:\w+:)?tt[\s>]/u.test(head);
}

interface TimingParameters {
  readonly frameRate: number;
  readonly tickRate: number;
}

/**
 * A TTML time expression in ms (TTML 2, §10.3.1): clock time `HH:MM:SS(.fff|:FF)` or offset `12.5s`, `500ms`, `3m`, `1h`, `24f`, `1000t`.
 */
function timeExpression(value: string, parameters: TimingParameters): number | undefined {
  const text = value.trim();
  const clock = /^(\d{2,}):(\d{2}):(\d{2})(?:(\.\d+)|:(\d{2,})(?:\.\d+)?)?$/u.exec(text);
  if (clock !== null) {
    const [, hours = '0', minutes = '0', seconds = '0', fraction, frames] = clock;
    if (Number(minutes) > 59 || Number(seconds) > 60) return undefined;
    const base = Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1000;
    if (fraction !== undefined) return Math.round(base + Number(fraction) * 1000);
    if (frames !== undefined) return Math.round(base + (Number(frames) * 1000) / parameters.frameRate);
    return base;
  }
  const offset = /^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$/u.exec(text);
  if (offset === null) return undefined;
  const amount = Number(offset[1]);
  const unit = offset[2];
  const ms =
    unit === 'h'
      ? amount * 3_600_000
      : unit === 'm'
        ? amount * 60_000
        : unit === 's'
          ? amount * 1000
          : unit === 'ms'
            ? amount
            : unit === 'f'
              ? (amount * 1000) / parameters.frameRate
              : (amount * 1000) / parameters.tickRate;
  return Math.round(ms);
}

function attribute(element: XmlElement, localName: string): string | undefined {
  for (const [name, value] of element.attributes) {
    if (name === localName || name.endsWith(`:${localName}`)) return value;
  }
  return undefined;
}

function timingParameters(root: XmlElement): TimingParameters {
  const rate = Number(attribute(root, 'frameRate') ?? '30');
  const [numerator = 1, denominator = 1] = (attribute(root, 'frameRateMultiplier') ?? '1 1').split(/\s+/u).map(Number);
  const frameRate = (rate > 0 ? rate : 30) * (numerator > 0 && denominator > 0 ? numerator / denominator : 1);
  const tickRate = Number(attribute(root, 'tickRate') ?? '') || frameRate;
  return { frameRate, tickRate };
}

/** The text of a `<p>` or `<span>`: `<br/>` as a line break, white space collapsed as `xml:space="default"` does. */
function textOf(nodes: ReadonlyArray<XmlNode>, keepTags: boolean): string {
  let text = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      text += node.text.replace(/[ \t\r\n]+/gu, ' ');
    } else if (node.name === 'br') {
      text += '\n';
    } else if (node.name === 'span') {
      const inner = textOf(node.children, keepTags);
      text += keepTags && attribute(node, 'fontStyle') === 'italic' ? `<i>${inner}</i>` : inner;
    } else if (node.name !== 'metadata' && node.name !== 'set' && node.name !== 'animate') {
      text += textOf(node.children, keepTags);
    }
  }
  return text;
}

/**
 * Reads TTML, DFXP and IMSC subtitles: every `<p>` with a time is a cue.
 *
 * Times may sit on the `<p>` (`begin` and `end`, or `dur`) and be offset by
 * the `begin` of its `<body>` and `<div>`s, in any TTML time expression.
 * Text is the paragraph's with `<br/>` as line breaks; styling is not kept
 * (with `keepTags`, italic spans come back as `<i>`). A `<p>` without a time
 * of its own or from its parents is left out and reported.
 */
export function readTtml(text: string, context: ReadContext): Cue[] {
  let root: XmlElement;
  try {
    root = parseXml(text, 'TTML');
  } catch (error) {
    if (error instanceof XmlError) return context.fail(1, error.message);
    throw error;
  }
  if (root.name !== 'tt') return context.fail(1, `not a TTML file (the root is <${excerpt(root.name)}>, not <tt>)`);
  const parameters = timingParameters(root);
  const body = elements(root, 'body')[0];
  if (body === undefined) return [];
  const cues: Cue[] = [];
  let count = 0;

  const time = (element: XmlElement, name: string): number | undefined => {
    const value = attribute(element, name);
    if (value === undefined) return undefined;
    const ms = timeExpression(value, parameters);
    if (ms === undefined) context.fail(1, `bad TTML time ${name}="${excerpt(value)}"`);
    return ms;
  };

  const visit = (element: XmlElement, offset: number, parentEnd: number | undefined): void => {
    const begin = time(element, 'begin');
    const start = offset + (begin ?? 0);
    const end = time(element, 'end');
    const duration = time(element, 'dur');
    const stop = end !== undefined ? offset + end : duration !== undefined ? start + duration : parentEnd;
    if (element.name === 'p') {
      count++;
      if (begin === undefined && offset === 0 && stop === undefined) {
        context.drop(1, `paragraph ${count} has no time`);
        return;
      }
      if (stop === undefined || stop < start) {
        context.drop(1, `paragraph ${count} has no end time, or ends before it starts`);
        return;
      }
      const lines = textOf(element.children, context.keepTags)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
      cues.push({ start, end: stop, text: lines.join('\n') });
      return;
    }
    for (const child of elements(element)) visit(child, start, stop);
  };
  visit(body, 0, undefined);
  return cues;
}
