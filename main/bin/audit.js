#!/usr/bin/env node
// `npm run audit:security [-- folder]`: Electronegativity over main/ (or the folder given), offline.
// Prints every finding and a count per severity; exits 1 on any HIGH or MEDIUM finding, and also
// when the scan breaks or its report is missing or unreadable, so that a broken scan never passes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuditReportError,
  formatFinding,
  formatSummary,
  judgeFindings,
  parseFindings,
  sortFindings,
} from './auditReport.js';
import { root } from './build.js';

/**
 * Checks left out of every scan.
 *
 * AvailableSecurityFixesGlobalCheck downloads Electron's release list to
 * compare versions; CI reaches no such host, and Electron upgrades are
 * tracked through package.json anyway.
 */
// CSPGlobalCheck only recognises a CSP set through onHeadersReceived or a <meta> tag; ours is
// sent as a header by the app:// protocol handler (main/appProtocol.ts, tested in
// test/main/appProtocol.test.ts), which it cannot see, and it has no per-line opt-out.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'CSPGlobalCheck'];

/** The line on which the scanning process hands its counts to this one. */
const RESULT_PREFIX = 'audit-result: ';

/**
 * Makes Electronegativity's `got` answer every request with 404 without touching the network.
 *
 * Electronegativity asks a web server for fresh translations of its
 * messages on every run (and waits out a timeout when it cannot reach it);
 * with 404 it uses the English messages it ships. Must run before
 * Electronegativity is loaded, in a process that does nothing else.
 */
function UNSAFE_disableNetwork(packageFolder) {
  const gotPath = createRequire(join(packageFolder, 'dist', 'runner.js')).resolve('got');
  const offline = async () => ({ statusCode: 404, body: '', headers: {} });
  offline.head = offline;
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = offline;
  createRequire(import.meta.url).cache[gotPath] = stub;
}

/** The Electron version the app is built with, so that checks judge today's defaults, not Electron 0.1's. */
function electronVersion() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = String(manifest.devDependencies?.electron ?? manifest.dependencies?.electron ?? '');
  const version = /^[~^]?(\d+\.\d+\.\d+)/u.exec(declared)?.[1];
  if (version === undefined)
    throw new Error(`package.json gives no Electron version Electronegativity can use: "${declared}"`);
  return version;
}

/** The scanning process: runs Electronegativity, which writes `csv`, and prints its counts. */
async function scan(input, csv) {
  const require = createRequire(import.meta.url);
  const packageFolder = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  UNSAFE_disableNetwork(packageFolder);
  const run = require(packageFolder);
  const result = await run({
    input,
    output: csv,
    isSarif: false,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: false,
    electronVersionOverride: electronVersion(),
    parserPlugins: [],
  });
  // The report is written after `run` returns, by callbacks that keep this process alive until it is on disk.
  console.log(`${RESULT_PREFIX}${JSON.stringify({ issues: result.issues.length, errors: result.errors })}`);
}

/** Why a scan cannot be trusted, with what it printed. */
class BrokenScan extends Error {
  constructor(reason, output = '') {
    super(reason);
    this.output = output;
  }
}

function broken(reason, output) {
  throw new BrokenScan(reason, output);
}

/** One run of the scanning process: its count of issues, and the findings its CSV report lists. */
function scanOnce(input, csv) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--scan', input, csv], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  if (child.error !== undefined) broken(`Electronegativity did not run: ${child.error.message}`, output);
  if (child.status !== 0) broken(`Electronegativity exited with ${child.status ?? child.signal}`, output);
  const resultLine = child.stdout.split('\n').find((line) => line.startsWith(RESULT_PREFIX));
  if (resultLine === undefined) broken('Electronegativity gave no result', output);
  const result = JSON.parse(resultLine.slice(RESULT_PREFIX.length));

  for (const error of result.errors) {
    const line = `${error.file}: ${error.message}`;
    if (error.tolerable) console.warn(`note: ${line}`);
    else console.error(`not scanned: ${line}`);
  }
  const unscanned = result.errors.filter((error) => !error.tolerable).length;
  if (unscanned > 0) broken(`${unscanned} files could not be parsed, so they were not scanned`);

  let text;
  try {
    text = readFileSync(csv, 'utf8');
  } catch (error) {
    broken(`no report at ${csv}: ${error.message}`);
  }
  try {
    return { issues: result.issues, findings: parseFindings(text), text };
  } catch (error) {
    // A report cut short (the same racing writes): worth another scan, like a lost row.
    if (error instanceof AuditReportError)
      return { issues: result.issues, findings: undefined, text, problem: `${csv}: ${error.message}` };
    throw error;
  }
}

/** Runs the scan in a child process, then reads and judges its CSV report. */
function audit(input) {
  const folder = mkdtempSync(join(tmpdir(), 'subrelay-audit-'));
  try {
    if (!existsSync(input)) broken(`there is nothing to scan at ${input}`);
    // Electronegativity's CSV writer sometimes loses a row or cuts the report short (its writes race); a
    // scan whose report cannot be read or does not match its own count is run again, twice at most, and
    // only a scan that never gives a whole report counts as broken.
    let findings;
    for (let attempt = 1; ; attempt++) {
      const scanned = scanOnce(input, join(folder, `electronegativity-${attempt}.csv`));
      const whole = scanned.findings !== undefined && scanned.findings.length === scanned.issues;
      if (whole || attempt === 3) {
        if (scanned.findings === undefined) broken(scanned.problem, scanned.text);
        if (scanned.findings.length !== scanned.issues) {
          broken(
            `the report lists ${scanned.findings.length} findings, but Electronegativity found ${scanned.issues}`,
            scanned.text,
          );
        }
        findings = scanned.findings;
        break;
      }
    }

    for (const finding of sortFindings(findings)) console.log(formatFinding(finding, root));
    const { counts, failed } = judgeFindings(findings);
    console.log(formatSummary(counts));
    if (failed) {
      console.error('audit:security: failed: review every HIGH and MEDIUM finding above (fix it, or mark it');
      console.error('with an `eng-disable CHECK_ID` comment on its line that says why it is safe).');
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof BrokenScan)) throw error;
    if (error.output.trim() !== '') console.error(error.output.trimEnd());
    console.error(`audit:security: the scan is broken, so it cannot pass: ${error.message}`);
    process.exitCode = 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--scan') {
  const [input, csv] = process.argv.slice(3);
  await scan(input, csv);
} else {
  audit(resolve(process.argv[2] ?? join(root, 'main')));
}
