import { readFileSync } from 'node:fs';
import { UsecaseError } from '../../../src/usecases/usecaseError';
import type { Problem } from '../../../src/api/problems';
import type { Project } from '../../../src/model/project';
import { parseProject } from '../../../src/model/schema';

export const sample: Project = parseProject(
  readFileSync(new URL('../../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'),
);

/** The problem a use case refuses with; fails the test when it does not refuse. */
export function refusal(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    if (error instanceof UsecaseError) return error.problem;
    throw error;
  }
  throw new Error('expected a UsecaseError, but the use case returned');
}
