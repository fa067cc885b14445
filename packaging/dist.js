#!/usr/bin/env node
// `npm run dist [-- ELECTRON-BUILDER OPTIONS]`: the installers for the machine this runs on.
//
// Linux: AppImage and .deb; macOS: .dmg; Windows: NSIS. Builds the app if needed, makes the icons from
// packaging/icon.svg and the .deb's install scripts (packaging/debScripts.js), says which signing is
// missing, then runs electron-builder with electron-builder.config.js (`npm run dist -- --dir` packs
// without making installers).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from '../main/bin/build.js';
import { makeDebScripts } from './debScripts.js';
import { makeIcons } from './icons.js';

/** One line per signing step that will be skipped, and what turns it on. */
export function signingNotes(platform, env) {
  const notes = [];
  if (platform === 'darwin') {
    if (!env.CSC_LINK && !env.CSC_NAME) {
      notes.push('no Developer ID certificate (CSC_LINK and CSC_KEY_PASSWORD): the app is signed ad hoc only');
    }
    if (!(env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID)) {
      notes.push('not notarised (set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID)');
    }
  }
  if (platform === 'win32' && !env.CSC_LINK && !env.WIN_CSC_LINK) {
    notes.push('the installer is not signed (WIN_CSC_LINK or CSC_LINK, and CSC_KEY_PASSWORD)');
  }
  return notes;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildIfStale({ quiet: true });
  makeIcons();
  makeDebScripts();
  for (const note of signingNotes(process.platform, process.env)) console.log(`Subrelay: ${note}.`);
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--config',
      'electron-builder.config.js',
      '--publish',
      'never',
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}
