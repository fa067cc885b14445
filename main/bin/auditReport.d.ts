// Types for auditReport.js, which stays plain JavaScript so that `npm run audit:security` needs no build or tsx.

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
export type Confidence = 'CERTAIN' | 'FIRM' | 'TENTATIVE';

export interface Finding {
  readonly checkId: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Undefined for checks about the whole app, which Electronegativity reports as "N/A". */
  readonly file: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly sample: string | undefined;
  readonly description: string;
  readonly url: string;
}

export const SEVERITIES: ReadonlyArray<Severity>;
export const FAILING_SEVERITIES: ReadonlyArray<Severity>;

export class AuditReportError extends Error {
  constructor(message: string);
}

export function parseCsv(text: string): string[][];
export function parseFindings(text: string): Finding[];
export function judgeFindings(findings: ReadonlyArray<Finding>): {
  readonly counts: Readonly<Record<Severity, number>>;
  readonly failed: boolean;
};
export function sortFindings(findings: ReadonlyArray<Finding>): Finding[];
export function formatFinding(finding: Finding, root: string): string;
export function formatSummary(counts: Readonly<Record<Severity, number>>): string;
