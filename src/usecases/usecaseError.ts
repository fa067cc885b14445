import type { Problem } from '../api/problems';

/**
 * A use case refused its input or its result; `problem` says why, as a code.
 *
 * The message is the code and its parameters, for logs and stack traces;
 * people read the problem worded from the locales.
 */
export class UsecaseError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}${problem.params !== undefined ? ` ${JSON.stringify(problem.params)}` : ''}`);
    this.name = 'UsecaseError';
  }
}
