// Reads Electronegativity's CSV report and decides whether the security audit passes.
// Pure functions only, so that test/main/audit.test.ts can feed it any CSV; audit.js runs the scan.
import { relative } from 'node:path';

/** Electronegativity's severities, most severe first. */
export const SEVERITIES = Object.freeze(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);

/** Any finding of these severities fails the audit. */
export const FAILING_SEVERITIES = Object.freeze(['HIGH', 'MEDIUM']);

const CONFIDENCES = ['CERTAIN', 'FIRM', 'TENTATIVE'];

/** The header Electronegativity 1.10 writes, fields trimmed. */
const HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

/** Raised when the report is missing, empty or not the CSV we expect: the scan cannot be trusted. */
export class AuditReportError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AuditReportError';
  }
}

/**
 * Splits CSV text into records of fields.
 *
 * Follows RFC 4180: fields in double quotes may hold commas, line breaks and
 * doubled quotes; records end with LF or CR LF. Electronegativity quotes
 * every field whose text comes from the scanned code, so a naive split on
 * commas would cut a sample like `enableBlinkFeatures: '',` in two.
 */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index++;
      } else quoted = false;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      fieldStarted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || (char === '\r' && text[index + 1] === '\n')) {
      if (char === '\r') index++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new AuditReportError('the report ends inside a quoted field');
  if (fieldStarted || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Reads Electronegativity's CSV report into findings.
 *
 * Throws `AuditReportError` for anything but a well-formed report: an empty
 * file, a missing or different header, a row with the wrong number of
 * fields, an unknown severity. A header with no rows is a clean scan.
 */
export function parseFindings(text) {
  const records = parseCsv(text).filter((record) => !(record.length === 1 && record[0].trim() === ''));
  const [header, ...rows] = records;
  if (header === undefined) throw new AuditReportError('the report is empty');
  const names = header.map((name) => name.trim());
  if (names.join(',') !== HEADER.join(',')) {
    throw new AuditReportError(`the report's header is "${names.join(', ')}", not "${HEADER.join(', ')}"`);
  }
  return rows.map((fields, index) => {
    const where = `row ${index + 2} of the report`;
    if (fields.length !== HEADER.length) {
      throw new AuditReportError(`${where} has ${fields.length} fields, not ${HEADER.length}`);
    }
    const [checkId, severity, confidence, file, location, sample, description, url] = fields.map((f) => f.trim());
    if (!/^[A-Z0-9_]+$/u.test(checkId)) throw new AuditReportError(`${where} has no check id: "${checkId}"`);
    if (!SEVERITIES.includes(severity)) throw new AuditReportError(`${where} has an unknown severity "${severity}"`);
    if (!CONFIDENCES.includes(confidence)) {
      throw new AuditReportError(`${where} has an unknown confidence "${confidence}"`);
    }
    const position = /^(\d+):(\d+)$/u.exec(location);
    if (position === null) throw new AuditReportError(`${where} has a location "${location}", not line:column`);
    return {
      checkId,
      severity,
      confidence,
      file: file === 'N/A' ? undefined : file,
      line: Number(position[1]),
      column: Number(position[2]),
      sample: sample === 'N/A' ? undefined : sample,
      description,
      url,
    };
  });
}

/** Counts findings per severity and decides: the audit fails on any HIGH or MEDIUM finding. */
export function judgeFindings(findings) {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
  for (const finding of findings) counts[finding.severity]++;
  const failed = FAILING_SEVERITIES.some((severity) => counts[severity] > 0);
  return { counts, failed };
}

/** Findings most severe first, then by file and line, so that the output is stable. */
export function sortFindings(findings) {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.line - b.line ||
      a.checkId.localeCompare(b.checkId),
  );
}

/** One line per finding: severity, check id, file:line (relative to `root`), confidence and what to review. */
export function formatFinding(finding, root) {
  const inRoot = finding.file === undefined ? undefined : relative(root, finding.file);
  const file = inRoot === undefined || inRoot.startsWith('..') ? finding.file : inRoot;
  const where = file === undefined ? '(the whole app)' : `${file}:${finding.line}`;
  return `${finding.severity.padEnd(13)} ${finding.checkId} ${where} [${finding.confidence.toLowerCase()}] ${finding.description}`;
}

/** The closing line: how many findings of each severity. */
export function formatSummary(counts) {
  const total = SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0);
  const parts = SEVERITIES.map((severity) => `${counts[severity]} ${severity}`);
  return `Electronegativity: ${total} findings: ${parts.join(', ')}`;
}
