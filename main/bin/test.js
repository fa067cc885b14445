#!/usr/bin/env node
// `npm test`: every test, in order: unit and main-process tests (Vitest), then the
// end-to-end tests in Chromium (Playwright), then one summary line for both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, root } from './build.js';

const results = join(root, 'test-results');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** On a fresh Debian machine, installs the system tools the tests use (root only). */
function ensureSystemTools() {
  const missing = [
    ['chromium', chromium],
    ['ffmpeg', '/usr/bin/ffmpeg'],
    ['espeak-ng', '/usr/bin/espeak-ng'],
    ['libxml2-utils', '/usr/bin/xmllint'],
    ['python3-ttconv', '/usr/bin/ttconv'],
  ].filter(([, path]) => !existsSync(path));
  if (missing.length === 0) return;
  const names = missing.map(([name]) => name);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `Subrelay tests need ${names.join(' and ')}: install them (Debian: apt-get install ${names.join(' ')}), or set CHROMIUM_PATH.`,
    );
    if (missing.some(([name]) => name === 'chromium')) process.exit(1);
    return;
  }
  console.log(`Installing ${names.join(' and ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: 'inherit',
    env,
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

function run(command, args) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', ...command), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

ensureSystemTools();
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const unitStatus = run(
  ['vitest', 'vitest.mjs'],
  [
    'run',
    '--config',
    'test/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'unit.json')}`,
  ],
);
buildIfStale({ quiet: true });
const e2eStatus = run(['@playwright', 'test', 'cli.js'], ['test', '--config', 'test/e2e/playwright.config.ts']);

const unit = readJson(join(results, 'unit.json'));
const e2e = readJson(join(results, 'e2e.json'));
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const broken = unit === undefined || e2e === undefined;
if (broken) console.error('Subrelay tests: a test runner did not finish (see above).');
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitStatus !== 0 || e2eStatus !== 0 || failed > 0 || broken ? 1 : 0);
