import type { TFunction } from 'i18next';
import { ApiError } from '../../src/api/contract';
import { LocalizedError } from './errors';

/**
 * Words a failure in the interface language: which file, and what went wrong.
 *
 * Failures that carry a problem code are translated from `problem.<reason>`;
 * anything else (a bug, an unknown error) shows its own message rather than
 * nothing.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof LocalizedError) return t(error.key, { ...error.params });
  if (error instanceof ApiError) {
    if (error.message === 'unreachable') return t('error.unreachable');
    if (error.problem !== undefined) {
      const text = t(`problem.${error.problem.reason}`, { ...error.problem.params });
      return error.file !== undefined ? t('error.withFile', { file: error.file, message: text }) : text;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
