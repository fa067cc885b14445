import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuditReportError,
  formatFinding,
  formatSummary,
  judgeFindings,
  parseCsv,
  parseFindings,
} from '../../main/bin/auditReport.js';
import { repoRoot, useTemporaryFolders } from './support';

const temporaryFolder = useTemporaryFolders();

/** The header line exactly as Electronegativity 1.10 writes it. */
const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';

const WIKI = 'https://github.com/doyensec/electronegativity/wiki';

/** Rows as Electronegativity writes them: every field from the scanned code quoted, "N/A" bare. */
const ROWS = {
  medium: `PRELOAD_JS_CHECK,"MEDIUM","FIRM","/work/main/main/window.ts","35:6","preload: preloadPath,","Review the use of preload scripts",${WIKI}/PRELOAD_JS_CHECK\n`,
  mediumWholeApp: `CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",${WIKI}/CSP_GLOBAL_CHECK\n`,
  low: `BLINK_FEATURES_JS_CHECK,"LOW","CERTAIN","/work/main/main/window.ts","44:6","enableBlinkFeatures: '',","Do not use Chromium’s experimental features",${WIKI}/BLINK_FEATURES_JS_CHECK\n`,
  informational: `NODE_INTEGRATION_JS_CHECK,"INFORMATIONAL","FIRM","/work/main/main/window.ts","38:6","nodeIntegration: false,","Disable nodeIntegration for untrusted origins",${WIKI}/NODE_INTEGRATION_JS_CHECK\n`,
  high: `CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","/app/main.js","2:15","new BrowserWindow({ webPreferences: { contextIsolation: false } })","Review the use of the contextIsolation option",${WIKI}/CONTEXT_ISOLATION_JS_CHECK\n`,
};

describe('the security audit report', () => {
  it('fails on a MEDIUM finding, counting each severity', () => {
    const findings = parseFindings(HEADER + ROWS.low + ROWS.medium + ROWS.informational);
    expect(judgeFindings(findings)).toEqual({
      counts: { HIGH: 0, MEDIUM: 1, LOW: 1, INFORMATIONAL: 1 },
      failed: true,
    });
  });

  it('fails on a HIGH finding, and on a MEDIUM one about the whole app', () => {
    expect(judgeFindings(parseFindings(HEADER + ROWS.high)).failed).toBe(true);
    expect(judgeFindings(parseFindings(HEADER + ROWS.mediumWholeApp)).failed).toBe(true);
  });

  it('passes with only LOW and INFORMATIONAL findings', () => {
    const findings = parseFindings(HEADER + ROWS.low + ROWS.informational);
    expect(judgeFindings(findings)).toEqual({
      counts: { HIGH: 0, MEDIUM: 0, LOW: 1, INFORMATIONAL: 1 },
      failed: false,
    });
    expect(formatSummary(judgeFindings(findings).counts)).toBe(
      'Electronegativity: 2 findings: 0 HIGH, 0 MEDIUM, 1 LOW, 1 INFORMATIONAL',
    );
  });

  it('passes a clean scan: a header and no rows', () => {
    expect(parseFindings(HEADER)).toEqual([]);
    expect(judgeFindings([]).failed).toBe(false);
  });

  it('reads quoted fields whole: commas, doubled quotes, line breaks and CR LF', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nN/A,"",x\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['N/A', '', 'x'],
    ]);
    const [low] = parseFindings(HEADER + ROWS.low);
    expect(low).toEqual({
      checkId: 'BLINK_FEATURES_JS_CHECK',
      severity: 'LOW',
      confidence: 'CERTAIN',
      file: '/work/main/main/window.ts',
      line: 44,
      column: 6,
      sample: "enableBlinkFeatures: '',",
      description: 'Do not use Chromium’s experimental features',
      url: `${WIKI}/BLINK_FEATURES_JS_CHECK`,
    });
  });

  it('prints a finding with its severity, check, file:line inside the repository, and what to review', () => {
    const [medium] = parseFindings(HEADER + ROWS.medium);
    expect(formatFinding(medium!, '/work/main')).toBe(
      'MEDIUM        PRELOAD_JS_CHECK main/window.ts:35 [firm] Review the use of preload scripts',
    );
    const [wholeApp] = parseFindings(HEADER + ROWS.mediumWholeApp);
    expect(formatFinding(wholeApp!, '/work/main')).toContain('CSP_GLOBAL_CHECK (the whole app)');
  });

  it.each([
    ['an empty report', ''],
    ['a report without its header', ROWS.medium],
    ['a header of another tool', 'id,level,path\n'],
    ['a row cut short', `${HEADER}PRELOAD_JS_CHECK,"MEDIUM","FIRM"\n`],
    ['a row with an unknown severity', HEADER + ROWS.medium.replace('"MEDIUM"', '"SEVERE"')],
    ['a row whose location is not line:column', HEADER + ROWS.medium.replace('"35:6"', '"35"')],
    ['a report that ends inside a quoted field', `${HEADER}PRELOAD_JS_CHECK,"MEDIUM","FIRM","/work/main/ma`],
  ])('refuses %s, so that a broken scan never passes', (_label, text) => {
    expect(() => parseFindings(text)).toThrow(AuditReportError);
  });
});

describe('npm run audit:security', () => {
  const audit = join(repoRoot, 'main', 'bin', 'audit.js');

  it('scans a folder offline and exits 1 on a HIGH finding, naming the check and the line', async () => {
    const folder = await temporaryFolder('audit');
    await writeFile(
      join(folder, 'main.js'),
      "const { BrowserWindow } = require('electron');\n" +
        'new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n',
    );
    const run = spawnSync(process.execPath, [audit, folder], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(1);
    const file = join(folder, 'main.js').replaceAll(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    expect(run.stdout, run.stderr).toMatch(new RegExp(`^HIGH +CONTEXT_ISOLATION_JS_CHECK ${file}:2 `, 'mu'));
    expect(run.stdout).toMatch(/^Electronegativity: \d+ findings: [1-9]\d* HIGH, /mu);
    expect(run.stderr).toContain('audit:security: failed');
  });

  it('exits 1 when there is nothing to scan', async () => {
    const missing = join(await temporaryFolder('audit'), 'missing');
    const run = spawnSync(process.execPath, [audit, missing], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the scan is broken');
  });
});
