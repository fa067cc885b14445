import type { TFunction } from 'i18next';
import { ApiError } from '../../src/api/contract';
import { problemKey, type Problem } from '../../src/api/problems';
import { UsecaseError } from '../../src/usecases/usecaseError';
import { LocalizedError } from './errors';

/** Words one problem (an error, a warning or a line of a report) in the interface language. */
export function describeProblem(problem: Problem, t: TFunction): string {
  const text = t(problemKey(problem), { ...problem.params });
  return problem.file !== undefined ? t('error.withFile', { file: problem.file, message: text }) : text;
}

/**
 * Words a failure in the interface language: which file, and what went wrong.
 *
 * Failures that carry a problem (from the main process, or a use case run
 * in the renderer) are translated from `problem.<code>`; anything else (a
 * bug, an unknown error) shows its own message rather than nothing.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof LocalizedError) return t(error.key, { ...error.params });
  if (error instanceof UsecaseError) return describeProblem(error.problem, t);
  if (error instanceof ApiError) {
    if (error.message === 'unreachable') return t('error.unreachable');
    if (error.problem !== undefined) {
      const file = error.file ?? error.problem.file;
      return describeProblem(file !== undefined ? { ...error.problem, file } : error.problem, t);
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
