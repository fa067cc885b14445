import { assertNever, ENDONYMS, type Language } from '../../languages';
import type { Project, SegmentRole, SegmentStatus, SubrelayDocument } from '../../model/project';
import { rulesOf } from '../../qa/projectQa';
import { checkTranscript, type QaFinding, type QaSeverity } from '../../qa/qa';
import { formatTimestamp } from '../../time/timecode';
import { csvField, escapeHtml, HTML_CONTENT_SECURITY_POLICY } from '../escape';

export interface ReviewOptions {
  /** The languages shown side by side, in this order (duplicates are dropped). */
  readonly languages: ReadonlyArray<Language>;
  /** Keep only rows with at least one QA finding in the chosen languages. */
  readonly onlyFindings?: boolean | undefined;
  /**
   * Keep only rows where a chosen language other than the document's source
   * language is in one of these statuses. Empty or absent: no filter.
   */
  readonly statuses?: ReadonlyArray<SegmentStatus> | undefined;
}

/** One segment as a reviewer sees it: every chosen language side by side. */
export interface ReviewRow {
  /** 1-based position in the document, counting excluded rows, so it matches the grid's row number. */
  readonly number: number;
  readonly segmentId: string;
  readonly role?: SegmentRole | undefined;
  /** Transcripts only; milliseconds. */
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  /** The cell texts as stored (line breaks kept), for the chosen languages. */
  readonly texts: Readonly<Partial<Record<Language, string>>>;
  readonly status: Readonly<Partial<Record<Language, SegmentStatus>>>;
  readonly note?: string | undefined;
  /** QA findings for this segment in the chosen languages; articles have none. */
  readonly findings: ReadonlyArray<QaFinding>;
}

function uniqueLanguages(languages: ReadonlyArray<Language>): Language[] {
  return [...new Set(languages)];
}

/**
 * QA findings of a document grouped by segment.
 *
 * Runs the same check as `checkProject` but on the document given, which may
 * be an edited copy of the one in the project. Only transcripts have QA:
 * the subtitle rules mean nothing for an article's paragraphs.
 */
function findingsBySegment(
  project: Project,
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
): ReadonlyMap<string, QaFinding[]> {
  const bySegment = new Map<string, QaFinding[]>();
  switch (document.kind) {
    case 'article':
      return bySegment;
    case 'transcript':
      break;
    default:
      return assertNever(document.kind, 'Unknown document kind');
  }
  for (const finding of checkTranscript(document, languages, rulesOf(project), project.frameRate)) {
    if (finding.segmentId === undefined) continue;
    const list = bySegment.get(finding.segmentId);
    if (list === undefined) bySegment.set(finding.segmentId, [finding]);
    else list.push(finding);
  }
  return bySegment;
}

/**
 * The rows of a bilingual or multilingual review of one document.
 *
 * Excluded rows (page furniture) are left out, as from every deliverable.
 * The status filter looks at the target languages only, since the source
 * language's cells are always 'source'; when the only chosen language is the
 * source, it looks at that one.
 */
export function reviewRows(project: Project, document: SubrelayDocument, options: ReviewOptions): ReviewRow[] {
  const languages = uniqueLanguages(options.languages);
  const findings = findingsBySegment(project, document, languages);
  const targets = languages.filter((language) => language !== document.sourceLanguage);
  const filtered = targets.length > 0 ? targets : languages;
  const statuses = options.statuses ?? [];
  const timed = document.kind === 'transcript';
  const rows: ReviewRow[] = [];
  document.segments.forEach((segment, index) => {
    if (segment.excluded === true) return;
    const rowFindings = findings.get(segment.id) ?? [];
    if (options.onlyFindings === true && rowFindings.length === 0) return;
    if (statuses.length > 0 && !filtered.some((language) => statuses.includes(segment.status[language]))) return;
    rows.push({
      number: index + 1,
      segmentId: segment.id,
      role: segment.role,
      start: timed ? segment.start : undefined,
      end: timed ? segment.end : undefined,
      texts: Object.fromEntries(languages.map((language) => [language, segment.texts[language]])),
      status: Object.fromEntries(languages.map((language) => [language, segment.status[language]])),
      note: segment.note,
      findings: rowFindings,
    });
  });
  return rows;
}

/** A finding on one line of a CSV cell: "ko error (line-length): cue 3: …". */
function findingLine(finding: QaFinding): string {
  return `${finding.language} ${finding.severity} (${finding.rule}): ${finding.message}`;
}

function csvTime(milliseconds: number | undefined): string {
  return milliseconds === undefined ? '' : formatTimestamp(milliseconds);
}

/**
 * A review of one document as CSV for a spreadsheet.
 *
 * UTF-8 with a byte order mark (without it Excel reads Hangul and Cyrillic as
 * ANSI), CRLF line ends, RFC 4180 quoting. The header stays English and the
 * statuses stay as their ids, so the file can be read back by a program.
 */
export function toReviewCsv(project: Project, document: SubrelayDocument, options: ReviewOptions): string {
  const languages = uniqueLanguages(options.languages);
  const timed = document.kind === 'transcript';
  const header = [
    '#',
    'ID',
    ...(timed ? ['Start', 'End'] : []),
    ...languages.flatMap((language) => [`${language} text`, `${language} status`]),
    'Notes',
    'QA',
  ];
  const lines = reviewRows(project, document, options).map((row) => [
    String(row.number),
    row.segmentId,
    ...(timed ? [csvTime(row.start), csvTime(row.end)] : []),
    ...languages.flatMap((language) => [row.texts[language] ?? '', row.status[language] ?? '']),
    row.note ?? '',
    row.findings.map(findingLine).join('\n'),
  ]);
  return `\uFEFF${[header, ...lines].map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The words of the HTML review, so it can be given to reviewers in their own language.
 *
 * Language column headers are always each language's own name (`ENDONYMS`)
 * and QA messages stay English; everything else comes from here.
 */
export interface ReviewLabels {
  /** The BCP 47 tag of these labels, written as the page's `lang`. */
  readonly language: string;
  /** Follows the project and document titles in the page title. */
  readonly review: string;
  readonly number: string;
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly notes: string;
  readonly qa: string;
  readonly languages: string;
  readonly headline: string;
  readonly onlyFindings: string;
  readonly statusFilter: string;
  readonly noRows: string;
  readonly statuses: Readonly<Record<SegmentStatus, string>>;
  readonly severities: Readonly<Record<QaSeverity, string>>;
}

export const ENGLISH_REVIEW_LABELS: ReviewLabels = {
  language: 'en',
  review: 'Review',
  number: '#',
  id: 'ID',
  start: 'Start',
  end: 'End',
  notes: 'Notes',
  qa: 'QA',
  languages: 'Languages',
  headline: 'Headline',
  onlyFindings: 'Only rows with QA findings',
  statusFilter: 'Only rows in these statuses',
  noRows: 'No rows match.',
  statuses: {
    source: 'Source',
    draft: 'Draft',
    translated: 'Translated',
    reviewed: 'Reviewed',
    approved: 'Approved',
  },
  severities: { error: 'Error', warning: 'Warning' },
};

export interface ReviewHtmlOptions extends ReviewOptions {
  /** Replaces the English labels given; the rest stay English. */
  readonly labels?: Partial<ReviewLabels> | undefined;
}

/** Escaped text with its typed line breaks shown. */
function htmlText(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/gu, '<br>');
}

/**
 * The page's styles: screen and print.
 *
 * When printed, the header row repeats on every page and a row is never
 * split across pages, so each page can be read (and signed off) alone.
 * Korean keeps words whole when wrapping (`keep-all`), as Korean typesetting does.
 */
const REVIEW_CSS = `
:root { color-scheme: light; }
body { margin: 1.5rem; font: 14px/1.45 system-ui, "Segoe UI", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR", "Noto Sans KR", sans-serif; color: #1b1b1b; background: #fff; }
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; text-align: left; padding: 0 0 0.75rem; }
caption .title { display: block; font-size: 1.3rem; font-weight: 600; }
caption .details { display: block; color: #555; }
th, td { border: 1px solid #c8c8c8; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
td.number, td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.id { white-space: nowrap; font-family: ui-monospace, Consolas, monospace; font-size: 0.85em; }
tr.headline td.text { font-weight: 600; }
.text-body { overflow-wrap: break-word; }
:lang(ko) .text-body, .text-body:lang(ko) { word-break: keep-all; }
.tag, .status { display: inline-block; margin-top: 0.25rem; padding: 0 0.4rem; border-radius: 0.6rem; font-size: 0.75rem; font-weight: 600; border: 1px solid currentColor; }
.tag { color: #444; }
.status-source { color: #555; }
.status-draft { color: #8a5a00; }
.status-translated { color: #0b57a4; }
.status-reviewed { color: #6a3fb0; }
.status-approved { color: #1d7a2e; }
ul.findings { margin: 0; padding-left: 1.1rem; }
li.error { color: #a11; }
li.warning { color: #8a5a00; }
.severity { font-weight: 600; }
td.empty { color: #555; font-style: italic; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { border-color: #888; }
}
`.trim();

function statusBadge(status: SegmentStatus, labels: ReviewLabels): string {
  return `<span class="status status-${status}" lang="${escapeHtml(labels.language)}">${escapeHtml(labels.statuses[status])}</span>`;
}

function findingsHtml(findings: ReadonlyArray<QaFinding>, labels: ReviewLabels): string {
  if (findings.length === 0) return '';
  const items = findings.map(
    (finding) =>
      `<li class="${finding.severity}"><span class="severity">${escapeHtml(labels.severities[finding.severity])}</span> ` +
      `<span lang="${finding.language}">${escapeHtml(ENDONYMS[finding.language])}</span>: ` +
      `<span lang="en">${escapeHtml(finding.message)}</span></li>`,
  );
  return `<ul class="findings">${items.join('')}</ul>`;
}

function htmlTime(milliseconds: number | undefined): string {
  return milliseconds === undefined ? '' : formatTimestamp(milliseconds);
}

/**
 * A review of one document as one self-contained, printable HTML page.
 *
 * No scripts and nothing loaded from elsewhere, so it opens offline, can be
 * mailed as an attachment and is safe whatever the cells contain. Each text
 * cell carries its language (`lang`), so browsers pick Hangul and Cyrillic
 * fonts, hyphenate and read aloud correctly; every text is escaped.
 */
export function toReviewHtml(project: Project, document: SubrelayDocument, options: ReviewHtmlOptions): string {
  const labels: ReviewLabels = { ...ENGLISH_REVIEW_LABELS, ...options.labels };
  const languages = uniqueLanguages(options.languages);
  const timed = document.kind === 'transcript';
  const rows = reviewRows(project, document, options);
  const pageLanguage = escapeHtml(labels.language);

  const languageNames = languages
    .map((language) => `<span lang="${language}">${escapeHtml(ENDONYMS[language])}</span>`)
    .join(', ');
  const filters: string[] = [];
  if (options.onlyFindings === true) filters.push(escapeHtml(labels.onlyFindings));
  if (options.statuses !== undefined && options.statuses.length > 0) {
    const names = options.statuses.map((status) => escapeHtml(labels.statuses[status])).join(', ');
    filters.push(`${escapeHtml(labels.statusFilter)}: ${names}`);
  }
  const caption =
    `<caption><span class="title">${escapeHtml(project.title)} — ${escapeHtml(document.title)}</span>` +
    `<span class="details">${escapeHtml(labels.languages)}: ${languageNames}</span>` +
    filters.map((filter) => `<span class="details">${filter}</span>`).join('') +
    `</caption>`;

  const headers = [
    `<th scope="col">${escapeHtml(labels.number)}</th>`,
    `<th scope="col">${escapeHtml(labels.id)}</th>`,
    ...(timed
      ? [`<th scope="col">${escapeHtml(labels.start)}</th>`, `<th scope="col">${escapeHtml(labels.end)}</th>`]
      : []),
    ...languages.map((language) => `<th scope="col" lang="${language}">${escapeHtml(ENDONYMS[language])}</th>`),
    `<th scope="col">${escapeHtml(labels.notes)}</th>`,
    `<th scope="col">${escapeHtml(labels.qa)}</th>`,
  ];
  const columnCount = headers.length;

  const body = rows.map((row) => {
    const headline = row.role === 'headline';
    const cells = [
      `<td class="number">${row.number}</td>`,
      `<td class="id">${escapeHtml(row.segmentId)}${headline ? `<br><span class="tag">${escapeHtml(labels.headline)}</span>` : ''}</td>`,
      ...(timed ? [`<td class="time">${htmlTime(row.start)}</td>`, `<td class="time">${htmlTime(row.end)}</td>`] : []),
      ...languages.map((language) => {
        const status = row.status[language];
        const badge = status === undefined ? '' : statusBadge(status, labels);
        return `<td class="text" lang="${language}"><div class="text-body">${htmlText(row.texts[language] ?? '')}</div>${badge}</td>`;
      }),
      `<td class="note">${htmlText(row.note ?? '')}</td>`,
      `<td class="qa">${findingsHtml(row.findings, labels)}</td>`,
    ];
    const classes = [...(headline ? ['headline'] : []), ...(row.findings.length > 0 ? ['has-findings'] : [])];
    const classAttribute = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
    return `<tr${classAttribute}>${cells.join('')}</tr>`;
  });
  const tbody =
    body.length > 0
      ? body.join('\n')
      : `<tr><td class="empty" colspan="${columnCount}">${escapeHtml(labels.noRows)}</td></tr>`;

  return [
    '<!doctype html>',
    `<html lang="${pageLanguage}">`,
    '<head>',
    '<meta charset="utf-8">',
    HTML_CONTENT_SECURITY_POLICY,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Subrelay">',
    `<title>${escapeHtml(project.title)} — ${escapeHtml(document.title)} — ${escapeHtml(labels.review)}</title>`,
    `<style>\n${REVIEW_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<table>',
    caption,
    `<thead><tr>${headers.join('')}</tr></thead>`,
    '<tbody>',
    tbody,
    '</tbody>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
