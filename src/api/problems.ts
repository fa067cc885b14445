/**
 * What went wrong, what to warn about, or what happened, as a code the interface words.
 *
 * One shape for errors, warnings and reports alike: `{ code, params, file? }`.
 * The words live in one place, the locales (`problem.<code>`, with these
 * parameters), and are looked up the same way by the UI (in the interface
 * language) and the CLI (in English, through i18next): see `problemKey`.
 */
export const PROBLEM_CODES = [
  // Files and the system.
  'not-found',
  'permission',
  'disk-full',
  'read-only',
  'is-folder',
  'not-folder',
  'in-the-way',
  'device-error',
  'too-large',
  'not-utf8',
  'not-json',
  'not-project',
  'invalid-project',
  'newer-version',
  'outside-root',
  'needs-dialog',
  'needs-path',
  'unknown-document',
  'decode-binary',
  'decode-invalid-text',
  'decode-unknown-encoding',
  'decode-bad-argument',
  'bad-subtitles',
  'changed-on-disk',
  'system',
  // Use cases: refusals.
  'language-not-in-project',
  'align-same-language',
  'align-into-source',
  'align-empty-text',
  'align-empty-pivot',
  'align-stale-plan',
  'import-into-article',
  'import-no-cues',
  'bad-xliff',
  'new-project-empty-article',
  'new-project-language-unknown',
  'invalid-regex',
  // Use cases: a result Subrelay could not open again.
  'limit-text',
  'limit-note',
  'limit-time',
  'limit-segments',
  'limit-documents',
  'limit-project',
  // Use cases: reports and warnings.
  'align-filled',
  'align-emptied',
  'align-merge-proposed',
  'align-new-row-proposed',
  'align-omission',
  'align-merge-applied',
  'align-new-row-applied',
  'align-new-row-left-out',
  'align-summary',
  'import-summary',
  'import-new-document',
  'xliff-changed',
  'xliff-text-changed',
  'xliff-status-changed',
  'xliff-unknown-file',
  'xliff-unknown-unit',
  'xliff-source-differs',
  'xliff-summary',
  'new-project-article',
  'new-project-transcript',
  // The CLI's own reports.
  'project-saved',
  'project-created',
  'not-saved-dry-run',
  'left-as-it-was',
  'exists',
  // Media and timing from speech.
  'media-missing',
  'media-needs-ffmpeg',
  'media-unreadable',
  'media-not-transcript',
  'speech-none',
  'autotime-moved',
  'autotime-timed',
  'autotime-summary',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type ProblemParams = Readonly<Record<string, string | number>>;

export interface Problem {
  readonly code: ProblemCode;
  readonly params?: ProblemParams;
  /** The file the problem is about, when there is one. */
  readonly file?: string;
}

/** The locale key that words a problem. */
export function problemKey(problem: Problem): string {
  return `problem.${problem.code}`;
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && (PROBLEM_CODES as ReadonlyArray<string>).includes(value);
}
