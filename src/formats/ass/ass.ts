import { parse } from 'ass-compiler';
import { assertNever, type Language } from '../../languages';
import { ASS_STYLE_FIELDS, type AssScript, type AssStyle } from '../../model/project';
import { cueLines, newlineOf, type Cue, type LineEnding } from '../cue';
import type { ReadContext } from '../subtitleText';

export interface AssOptions {
  /** The cues' language: it names the style when there is no script to write back. */
  readonly language: Language;
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
  /**
   * The script info and styles of the ASS file the cues were imported from:
   * written back instead of the default style, each cue in its own style.
   */
  readonly assScript?: AssScript | undefined;
}

/**
 * The font of every language's style.
 *
 * Noto Sans CJK has Hangul, Latin and Cyrillic in one face, so Korean,
 * Ukrainian, Russian and English subtitles look alike; libass falls back to a
 * system font where it is missing.
 */
const FONT = 'Noto Sans CJK KR';

const STYLE_FORMAT = ASS_STYLE_FIELDS.join(', ');

/** Bottom centre (`Alignment` 2), white with a black outline, margins inside the 5 % title-safe area of 1920×1080. */
function defaultStyle(name: string): AssStyle {
  const values = [name, FONT, '64', '&H00FFFFFF', '&H000000FF', '&H00000000', '&H80000000'];
  values.push('0', '0', '0', '0', '100', '100', '0', '0', '1', '3', '1', '2', '96', '96', '54', '1');
  return Object.fromEntries(ASS_STYLE_FIELDS.map((field, index) => [field, values[index] ?? ''])) as AssStyle;
}

function styleLine(style: AssStyle): string {
  return `Style: ${ASS_STYLE_FIELDS.map((field) => style[field]).join(',')}`;
}

/** The `[Script Info]` Subrelay writes when there is no imported script to write back. */
function defaultInfo(language: Language): ReadonlyArray<readonly [string, string]> {
  return [
    ['Title', `${languageName(language)} subtitles`],
    ['ScriptType', 'v4.00+'],
    ['WrapStyle', '0'],
    ['ScaledBorderAndShadow', 'yes'],
    ['YCbCr Matrix', 'None'],
    ['PlayResX', '1920'],
    ['PlayResY', '1080'],
  ];
}

function isScriptType(key: string): boolean {
  return key.toLowerCase() === 'scripttype';
}

/** The style a cue without one is written in: the script's `Default`, else its first style. */
function fallbackStyle(styles: ReadonlyArray<AssStyle>): string {
  return (styles.find((style) => style.Name === 'Default') ?? styles[0])?.Name ?? 'Default';
}

/** `H:MM:SS.cc`: ASS times are in centiseconds, so milliseconds are rounded to the nearest ten. */
function assTime(ms: number): string {
  const centiseconds = Math.round(ms / 10);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${Math.floor(centiseconds / 360_000)}:${pad(Math.floor(centiseconds / 6000) % 60)}:${pad(Math.floor(centiseconds / 100) % 60)}.${pad(centiseconds % 100)}`;
}

/**
 * One line of dialogue text.
 *
 * ASS has no escape for `{`, `}` and `\`: they would start override codes or
 * `\N`, so they are written as their full-width forms; `<i>…</i>` a
 * translator typed becomes `{\i1}…{\i0}`.
 */
function dialogueText(line: string): string {
  return line
    .replace(/[{}\\]/gu, (c) => (c === '{' ? '\uFF5B' : c === '}' ? '\uFF5D' : '\uFF3C'))
    .replace(/<i>/gu, '{\\i1}')
    .replace(/<\/i>/gu, '{\\i0}');
}

/** Language names written in the script's title, in English as ASS tools show it. */
function languageName(language: Language): string {
  switch (language) {
    case 'en':
      return 'English';
    case 'ko':
      return 'Korean';
    case 'uk':
      return 'Ukrainian';
    case 'ru':
      return 'Russian';
    default:
      return assertNever(language, 'Unknown language');
  }
}

/**
 * Writes cues as an Advanced SubStation Alpha (v4.00+) script for Aegisub and libass.
 *
 * Without `assScript`: a 1920×1080 script with one style named after the
 * language, every cue a `Dialogue` line in that style. With it (the column
 * came from an ASS file): that file's script info (`PlayResX`/`PlayResY`…)
 * and styles, every cue in its own style (cues without one in `Default`).
 * Lines are joined with `\N`.
 */
export function toAss(cues: ReadonlyArray<Cue>, options: AssOptions): string {
  const newline = newlineOf(options.lineEnding, 'crlf');
  const script = options.assScript;
  const styles = script === undefined || script.styles.length === 0 ? [defaultStyle(options.language)] : script.styles;
  // The styles are written as ASS's (v4.00+), whatever the imported script was.
  const given = script?.info ?? defaultInfo(options.language);
  const info = given.some(([key]) => isScriptType(key)) ? given : [['ScriptType', ''] as const, ...given];
  const cueStyle = (cue: Cue): string =>
    script === undefined ? options.language : (cue.style ?? fallbackStyle(styles));
  const lines = [
    '[Script Info]',
    '; Written by Subrelay',
    ...info.map(([key, value]) => (isScriptType(key) ? 'ScriptType: v4.00+' : `${key}: ${value}`)),
    '',
    '[V4+ Styles]',
    `Format: ${STYLE_FORMAT}`,
    ...styles.map(styleLine),
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...cues.map(
      (cue) =>
        `Dialogue: 0,${assTime(cue.start)},${assTime(cue.end)},${cueStyle(cue)},,0,0,0,,${cueLines(cue.text).map(dialogueText).join('\\N')}`,
    ),
  ];
  return (options.bom === true ? '\uFEFF' : '') + lines.join(newline) + newline;
}

/** Whether the text is an SSA/ASS script: it starts with `[Script Info]`. */
export function isAss(text: string): boolean {
  return /^\[script info\]/iu.test(
    text
      .replace(/^\uFEFF/u, '')
      .trimStart()
      .slice(0, 16),
  );
}

/** Dialogue text as plain text: override blocks removed, `\N`/`\n` as line breaks, `\h` as a space. */
function plainText(raw: string): string {
  return raw
    .replace(/\{[^{}]*\}/gu, '')
    .replace(/\\[Nn]/gu, '\n')
    .replace(/\\h/gu, '\u00A0')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Reads the `Dialogue` lines of an SSA or ASS script (with `ass-compiler`), in file order.
 *
 * Override blocks (`{\i1}`, `{\pos(…)}`) are removed and drawings left out,
 * `\N` becomes a line break. With `keepTags` the text is kept as written.
 * Comments and styles are not cues.
 */
export function readAss(text: string, context: ReadContext): Cue[] {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return context.fail(1, `not a readable SSA/ASS script (${error instanceof Error ? error.message : String(error)})`);
  }
  const cues: Cue[] = [];
  for (const dialogue of parsed.events.dialogue) {
    const start = Math.round(dialogue.Start * 1000);
    const end = Math.round(dialogue.End * 1000);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      context.drop(1, `a Dialogue line with bad times (${String(dialogue.Start)} to ${String(dialogue.End)})`);
      continue;
    }
    const drawingOnly = dialogue.Text.parsed.every((part) => part.drawing.length > 0 || part.text === '');
    if (drawingOnly && !context.keepTags) continue;
    const text = context.keepTags ? dialogue.Text.raw.trim() : plainText(dialogue.Text.raw);
    cues.push({ start, end, text, ...(dialogue.Style !== '' ? { style: dialogue.Style } : {}) });
  }
  return cues;
}

/** SSA's `Alignment` (1–3 bottom, 5–7 top, 9–11 middle) as ASS's numpad positions. */
const SSA_ALIGNMENT: Readonly<Record<string, string>> = {
  '1': '1',
  '2': '2',
  '3': '3',
  '5': '7',
  '6': '8',
  '7': '9',
  '9': '4',
  '10': '5',
  '11': '6',
};

/** A value a project keeps: one line of at most 1000 characters (the project schema's limit). */
function keepable(value: string | undefined): value is string {
  return value !== undefined && value.length <= 1000 && !/[\r\n]/u.test(value);
}

/**
 * The script info and styles of an SSA/ASS script, for the project to keep (`AssScript`).
 *
 * SSA's `[V4 Styles]` become ASS styles (`TertiaryColour` is the outline,
 * alignments move to the numpad); a field a style line lacks takes the
 * value of Subrelay's own style. Undefined when the text is not a script.
 */
export function readAssScript(text: string): AssScript | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text.replace(/^\uFEFF/u, ''));
  } catch {
    return undefined;
  }
  const ssa = parsed.styles.format.some((field) => field.toLowerCase() === 'tertiarycolour');
  const fallback = defaultStyle('Default');
  const styles = parsed.styles.style.map((style): AssStyle => {
    const given = style as unknown as Readonly<Record<string, string | undefined>>;
    const value = (field: (typeof ASS_STYLE_FIELDS)[number]): string => {
      const written =
        ssa && field === 'OutlineColour'
          ? given['TertiaryColour']
          : ssa && field === 'Alignment'
            ? SSA_ALIGNMENT[given['Alignment'] ?? '']
            : given[field];
      return keepable(written) ? written : fallback[field];
    };
    return Object.fromEntries(ASS_STYLE_FIELDS.map((field) => [field, value(field)])) as AssStyle;
  });
  const info = Object.entries(parsed.info).filter(
    (entry): entry is [string, string] => keepable(entry[0]) && entry[0] !== '' && keepable(entry[1]),
  );
  return { info, styles };
}
