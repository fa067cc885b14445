import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support';

/*
 * The hosted-CI workflow that builds the installers cannot run here; it is
 * validated against GitHub's workflow schema (SchemaStore's, through
 * @action-validator/core; actionlint is in neither npm nor Debian).
 */

const workflowFile = join(repoRoot, '.github', 'workflows', 'installers.yml');

describe('.github/workflows/installers.yml', () => {
  it('is a valid GitHub Actions workflow', async () => {
    const state = validateWorkflow(await readFile(workflowFile, 'utf8'));
    expect(state.errors).toEqual([]);
  });

  it('the validator is real: a job without runs-on is refused', () => {
    const state = validateWorkflow('on: push\njobs:\n  build:\n    steps:\n      - run: echo\n');
    expect(state.errors.length).toBeGreaterThan(0);
  });

  it('builds on Linux, macOS and Windows runners with npm run dist', async () => {
    const text = await readFile(workflowFile, 'utf8');
    for (const runner of ['ubuntu-', 'macos-', 'windows-']) expect(text).toContain(`os: ${runner}`);
    expect(text).toContain('run: npm run dist');
  });
});
