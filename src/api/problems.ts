/**
 * Why an operation failed, as a code the interface translates.
 *
 * The English message still travels alongside (the CLI prints it and logs
 * keep it); the UI shows `problem.<reason>` from the locales with these
 * parameters, so every error reads in the interface language.
 */
export type ProblemReason =
  | 'not-found'
  | 'permission'
  | 'disk-full'
  | 'read-only'
  | 'is-folder'
  | 'not-folder'
  | 'in-the-way'
  | 'device-error'
  | 'too-large'
  | 'not-utf8'
  | 'not-json'
  | 'not-project'
  | 'invalid-project'
  | 'newer-version'
  | 'outside-root'
  | 'needs-dialog'
  | 'needs-path'
  | 'unknown-document'
  | 'decode-binary'
  | 'decode-invalid-text'
  | 'decode-unknown-encoding'
  | 'decode-bad-argument'
  | 'bad-subtitles'
  | 'changed-on-disk'
  | 'system';

export type ProblemParams = Readonly<Record<string, string | number>>;

export interface Problem {
  readonly reason: ProblemReason;
  readonly params?: ProblemParams;
}

export const PROBLEM_REASONS: ReadonlyArray<ProblemReason> = [
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
];
