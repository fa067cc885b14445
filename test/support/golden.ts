import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Compares output with a reviewed golden file in test/fixtures, byte for byte.
 *
 * `UPDATE_GOLDEN=1` rewrites the file first, for a deliberate change of
 * format or of the sample; review the diff before committing it.
 */
export function expectGolden(fixture: string, actual: string): void {
  const file = fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual, 'utf8');
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
