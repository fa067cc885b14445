#!/usr/bin/env node
// `npm run web -- --port N`: builds the UI if needed and serves it on 127.0.0.1.
import { register } from 'tsx/esm/api';
import { buildIfStale } from './build.js';

buildIfStale({ quiet: true });
register();
const { runWebMode } = await import('../web/run.ts');
try {
  await runWebMode(process.argv.slice(2));
} catch (error) {
  console.error(`subrelay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
