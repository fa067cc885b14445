import { countSyllables, dubbingOf, estimateSpeakingMs, fitOf, formatTimecode } from '../../dub/speakingTime';
import { assertNever, ENDONYMS, type Language } from '../../languages';
import type { DubbingSettings, Project, SubrelayDocument } from '../../model/project';
import { formatTimestamp } from '../../time/timecode';
import { csvField, escapeHtml, HTML_CONTENT_SECURITY_POLICY } from '../escape';

/** How a row's speaking time was found. */
export type SpeakingTimeMethod = 'syllables' | 'espeak';

/** One line of a dubbing script. */
export interface DubRow {
  /** 1-based among the exported rows, as the studio calls the lines out. */
  readonly number: number;
  readonly segmentId: string;
  readonly start: number;
  readonly end: number;
  /** `HH:MM:SS:FF` (`;FF` drop-frame at 29.97/59.94), see `formatTimecode`. */
  readonly startTimecode: string;
  readonly endTimecode: string;
  /** `HH:MM:SS,mmm`, as in the SRT files. */
  readonly startSrt: string;
  readonly endSrt: string;
  readonly slotMs: number;
  /** Lines trimmed, blank lines dropped, "\n" between lines. */
  readonly text: string;
  readonly syllables: number;
  readonly speakingMs: number;
  readonly method: SpeakingTimeMethod;
  readonly fits: boolean;
  readonly overMs: number;
  readonly ratio: number;
}

export interface DubOptions {
  /** Rates and tolerance; the project's own (or the defaults) when absent. */
  readonly settings?: DubbingSettings | undefined;
  /** Speaking times measured with espeak-ng, by segment id; used instead of the estimate where present. */
  readonly measuredMs?: Readonly<Record<string, number>> | undefined;
  /** The rows `dubRows` gave for these same options, when the caller already has them. */
  readonly rows?: ReadonlyArray<DubRow> | undefined;
}

function scriptText(text: string): string {
  return text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

function measuredFor(options: DubOptions, segmentId: string): number | undefined {
  const measured = options.measuredMs;
  if (measured === undefined || !Object.hasOwn(measured, segmentId)) return undefined;
  const value = measured[segmentId];
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/**
 * The lines of a transcript in one language, timed, with speaking time and fit.
 *
 * Excluded rows, rows without both times and empty cells are left out (the
 * export plan warns about them); cue numbers count only the rows written,
 * so the script reads 1, 2, 3 like the SRT file. A measured time, where
 * given, replaces the syllable estimate.
 */
export function dubRows(
  project: Project,
  document: SubrelayDocument,
  language: Language,
  options: DubOptions = {},
): DubRow[] {
  const settings = options.settings ?? dubbingOf(project);
  const rows: DubRow[] = [];
  for (const segment of document.segments) {
    if (segment.excluded === true || segment.start === undefined || segment.end === undefined) continue;
    const text = scriptText(segment.texts[language]);
    if (text === '') continue;
    const { start, end } = segment;
    const slotMs = Math.max(0, end - start);
    const measured = measuredFor(options, segment.id);
    const speakingMs = measured ?? estimateSpeakingMs(text, language, settings);
    const fit = fitOf(slotMs, speakingMs, settings.tolerancePercent);
    rows.push({
      number: rows.length + 1,
      segmentId: segment.id,
      start,
      end,
      startTimecode: formatTimecode(start, project.frameRate),
      endTimecode: formatTimecode(end, project.frameRate),
      startSrt: formatTimestamp(start),
      endSrt: formatTimestamp(end),
      slotMs,
      text,
      syllables: countSyllables(text, language),
      speakingMs,
      method: measured === undefined ? 'syllables' : 'espeak',
      fits: fit.fits,
      overMs: fit.overMs,
      ratio: fit.ratio,
    });
  }
  return rows;
}

/** Seconds with two decimals and a point, from whole milliseconds, without binary rounding surprises. */
function seconds(ms: number): string {
  const hundredths = Math.round(ms / 10);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Seconds with one decimal, for the "does not fit (+1.2 s)" marker. */
function tenths(ms: number): string {
  const value = Math.round(ms / 100);
  return `${Math.floor(value / 10)}.${value % 10}`;
}

// ---------------------------------------------------------------------------
// CSV

export const DUB_CSV_HEADER = [
  'Cue',
  'Start (TC)',
  'End (TC)',
  'Start',
  'End',
  'Slot (s)',
  'Line',
  'Syllables',
  'Speaking time (s)',
  'Method',
  'Fits',
  'Over by (s)',
] as const;

function methodName(method: SpeakingTimeMethod): string {
  switch (method) {
    case 'syllables':
      return 'syllables';
    case 'espeak':
      return 'espeak-ng';
    default:
      return assertNever(method);
  }
}

/**
 * A dubbing script as CSV for spreadsheet programs.
 *
 * UTF-8 with a byte order mark, which Excel needs to read Hangul and
 * Cyrillic as UTF-8; CRLF between records and RFC 4180 quoting. Line breaks
 * inside a line stay "\n" inside its quoted field, as Excel writes them.
 * Numbers use a decimal point whatever the locale.
 */
export function toDubCsv(
  project: Project,
  document: SubrelayDocument,
  language: Language,
  options: DubOptions = {},
): string {
  const records = [
    DUB_CSV_HEADER.join(','),
    ...(options.rows ?? dubRows(project, document, language, options)).map((row) =>
      [
        String(row.number),
        row.startTimecode,
        row.endTimecode,
        row.startSrt,
        row.endSrt,
        seconds(row.slotMs),
        row.text,
        String(row.syllables),
        seconds(row.speakingMs),
        methodName(row.method),
        row.fits ? 'yes' : 'NO',
        seconds(row.overMs),
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return `\uFEFF${records.map((record) => `${record}\r\n`).join('')}`;
}

// ---------------------------------------------------------------------------
// HTML

function htmlLines(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

const DUB_STYLE = `
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans KR", "Malgun Gothic", sans-serif; margin: 1.5em; color: #000; background: #fff; }
h1 { font-size: 1.3em; margin: 0 0 0.3em; }
.summary { margin: 0 0 1em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; text-align: left; padding-bottom: 0.5em; font-size: 0.9em; }
th, td { border: 1px solid #888; padding: 0.3em 0.45em; vertical-align: top; text-align: left; }
th { background: #eee; }
td.number, td.time, td.count { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.count { text-align: right; }
td.line { font-size: 1.1em; width: 45%; }
.srt, .method { display: block; font-size: 0.8em; color: #444; }
tr.over td { background: #fde8e8; }
tr.over td.fit { font-weight: bold; border-width: 2px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { margin: 0; font-size: 10pt; }
  tr.over td { background: none; }
  @page { margin: 1.5cm; }
}
`;

/**
 * A dubbing script as a printable web page.
 *
 * Self-contained (inline style, no script, nothing fetched), so it can be
 * mailed to a studio or printed as it is: table headers repeat on every page
 * and a row is never split across pages. A line that does not fit says so
 * in words ("✗ does not fit (+1.2 s)"), not only in colour, so it survives
 * black-and-white printing and screen readers. The page is in English; each
 * line carries its own `lang` so the right fonts and hyphenation apply.
 */
export function toDubHtml(
  project: Project,
  document: SubrelayDocument,
  language: Language,
  options: DubOptions = {},
): string {
  const settings = options.settings ?? dubbingOf(project);
  const rows = options.rows ?? dubRows(project, document, language, options);
  const notFitting = rows.filter((row) => !row.fits).length;
  const measured = rows.filter((row) => row.method === 'espeak').length;
  const endonym = `<span lang="${language}">${escapeHtml(ENDONYMS[language])}</span>`;
  const method =
    measured === 0
      ? `estimated at ${formatNumber(settings.rates[language])} syllables/s`
      : measured === rows.length
        ? 'measured with espeak-ng'
        : `measured with espeak-ng (${measured} ${measured === 1 ? 'line' : 'lines'}), otherwise estimated at ${formatNumber(settings.rates[language])} syllables/s`;
  const caption = [
    `Project: ${escapeHtml(project.title)}`,
    `Document: ${escapeHtml(document.title)}`,
    `Language: ${endonym}`,
    `Frame rate: ${formatNumber(project.frameRate)} fps`,
    `Speaking time: ${method}; tolerance ${formatNumber(settings.tolerancePercent)} %`,
  ].join(' · ');
  const summary =
    rows.length === 0
      ? 'No timed lines to dub.'
      : notFitting === 0
        ? `All ${rows.length} lines fit their slots.`
        : `${notFitting} of ${rows.length} ${rows.length === 1 ? 'line' : 'lines'} ${notFitting === 1 ? 'does not fit its slot' : 'do not fit their slots'}.`;
  const body = rows.map((row) => {
    const fit = row.fits ? '✓ fits' : `✗ does not fit (+${tenths(row.overMs)} s)`;
    const methodNote = row.method === 'espeak' ? '<span class="method">espeak-ng</span>' : '';
    return [
      `<tr${row.fits ? '' : ' class="over"'}>`,
      `<td class="number">${row.number}</td>`,
      `<td class="time">${row.startTimecode}<span class="srt">${row.startSrt}</span></td>`,
      `<td class="time">${row.endTimecode}<span class="srt">${row.endSrt}</span></td>`,
      `<td class="count">${seconds(row.slotMs)}</td>`,
      `<td class="line" lang="${language}">${htmlLines(row.text)}</td>`,
      `<td class="count">${row.syllables}</td>`,
      `<td class="count">${seconds(row.speakingMs)}${methodNote}</td>`,
      `<td class="fit">${fit}</td>`,
      '</tr>',
    ].join('');
  });
  const title = `Dubbing script: ${escapeHtml(document.title)} (${escapeHtml(ENDONYMS[language])})`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    HTML_CONTENT_SECURITY_POLICY,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${DUB_STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>Dubbing script: ${escapeHtml(document.title)} (${endonym})</h1>`,
    `<p class="summary">${summary}</p>`,
    '<table>',
    `<caption>${caption}</caption>`,
    '<thead><tr><th scope="col">Cue</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Slot (s)</th><th scope="col">Line</th><th scope="col">Syllables</th><th scope="col">Speaking time (s)</th><th scope="col">Fit</th></tr></thead>',
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
