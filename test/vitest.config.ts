import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(import.meta.dirname, '..'),
  test: {
    include: ['test/core/**/*.test.ts', 'test/main/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Builds the command line that test/main/cli.test.ts runs (main/bin/subrelay.js).
    globalSetup: ['test/main/cliBuild.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
