import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planExport } from '../../src/export/plan';
import { LANGUAGES } from '../../src/languages';
import { serializeProject } from '../../src/model/serialize';
import { loadSample, repoRoot, sampleFile, useTemporaryFolders } from './support';

const temporaryFolder = useTemporaryFolders();

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `subrelay` (main/bin/subrelay.js on out/cli/, built by the global setup) as a user would.
 *
 * Relative paths resolve against the repository, as for the in-process runs these replaced.
 */
function cli(...argv: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const bin = join(repoRoot, 'main', 'bin', 'subrelay.js');

/** A copy of the sample with the first segment's Korean status set to a value the schema refuses. */
async function badProjectFile(): Promise<string> {
  const raw = JSON.parse(serializeProject(await loadSample())) as { documents: { segments: { status: object }[] }[] };
  const segment = raw.documents[0]?.segments[0];
  if (segment === undefined) throw new Error('the sample has no segment');
  segment.status = { ...segment.status, ko: 'done' };
  const file = join(await temporaryFolder('cli-bad'), 'bad.subrelay');
  await writeFile(file, JSON.stringify(raw, null, 2));
  return file;
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

const EXPORT_NAMES = LANGUAGES.flatMap((language) => [`appeal.${language}.srt`, `article.${language}.txt`]).sort();

describe('subrelay validate', () => {
  it('accepts the shipped sample and exits 0', async () => {
    const run = await cli('validate', sampleFile);
    expect(run).toEqual({ code: 0, stdout: `${sampleFile}: valid (2 documents, 49 segments)\n`, stderr: '' });
  });

  it('reports a missing file in one line and exits 1', async () => {
    const missing = join(await temporaryFolder('cli'), 'missing.subrelay');
    const run = await cli('validate', missing);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`subrelay: ${missing}: no such file or folder\n`);
    expect(run.stderr).not.toContain('    at ');
  });

  it('names the field with the problem and exits 1', async () => {
    const file = await badProjectFile();
    const run = await cli('validate', file);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    // Worded from the problem code (`problem.invalid-project`), as the interface words it.
    expect(run.stderr.startsWith(`subrelay: ${file}: is damaged at documents[0].segments[0].status.ko: `)).toBe(true);
    expect(run.stderr).not.toContain('    at ');
  });

  it('reports a file that is not JSON in one line', async () => {
    const file = join(await temporaryFolder('cli'), 'notes.subrelay');
    await writeFile(file, 'these are my notes, not a project');
    const run = await cli('validate', file);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^subrelay: .*notes\.subrelay: is damaged: not valid JSON/u);
  });

  it('adds the stack trace under --debug, still ending with the one-line report', async () => {
    const file = await badProjectFile();
    const run = await cli('validate', file, '--debug');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('    at ');
    expect(lines(run.stderr).at(-1)).toMatch(
      /^subrelay: .*bad\.subrelay: is damaged at documents\[0\]\.segments\[0\]\.status\.ko: /u,
    );
  });

  it('exits 2 when the file is missing from the command line', async () => {
    const run = await cli('validate');
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith('subrelay: missing the project file')).toBe(true);
  });
});

describe('subrelay segment', () => {
  it('prints one English sentence per line, not splitting at abbreviations', async () => {
    const file = join(await temporaryFolder('cli'), 'text.txt');
    await writeFile(file, 'Lt. Gen. Valery Solodchuk spoke. It was Nov. 20 in the U.S. capital.');
    const run = await cli('segment', '--lang', 'en', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Lt. Gen. Valery Solodchuk spoke.\nIt was Nov. 20 in the U.S. capital.\n');
    expect(lines(run.stdout)).toHaveLength(2);
  });

  it('exits 2 without a valid --lang', async () => {
    const file = join(await temporaryFolder('cli'), 'text.txt');
    await writeFile(file, 'One. Two.');
    for (const argv of [
      ['segment', file],
      ['segment', '--lang', 'de', file],
    ]) {
      const run = await cli(...argv);
      expect(run.code).toBe(2);
      expect(lines(run.stderr)).toEqual(['subrelay: --lang: give one of en, ko, uk, ru']);
    }
  });
});

describe('subrelay export', () => {
  it('writes the appeal as SRT and the article as text in all four languages', async () => {
    const out = join(await temporaryFolder('cli-export'), 'out');
    const run = await cli('export', sampleFile, '--out', out, '--lang', 'all');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect((await readdir(out)).sort()).toEqual(EXPORT_NAMES);
    expect(lines(run.stdout).sort()).toEqual(EXPORT_NAMES.map((name) => join(out, name)));

    const project = await loadSample();
    const plan = await planExport(project, {
      documentIds: project.documents.map((document) => document.id),
      languages: LANGUAGES,
      format: 'auto',
      lineEnding: 'crlf',
      bom: false,
    });
    for (const file of plan.files) expect(await readFile(join(out, file.name), 'utf8')).toBe(file.content);
  });

  it('exports only the languages asked for', async () => {
    const out = await temporaryFolder('cli-export');
    const run = await cli('export', sampleFile, '--out', out, '--lang', 'ko,uk', '--line-ending', 'lf');
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['appeal.ko.srt', 'appeal.uk.srt', 'article.ko.txt', 'article.uk.txt']);
    expect(await readFile(join(out, 'appeal.uk.srt'), 'utf8')).not.toContain('\r');
  });

  it('refuses an unknown language with a one-line error and exit 2, writing nothing', async () => {
    const out = join(await temporaryFolder('cli-export'), 'out');
    const run = await cli('export', sampleFile, '--out', out, '--lang', 'de');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual(['subrelay: --lang: "de" is not one of en, ko, uk, ru, all']);
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('checks --lang before reading the project, and writes each language once', async () => {
    const out = await temporaryFolder('cli-export');
    const wrong = await cli('export', join(out, 'missing.subrelay'), '--out', out, '--lang', 'de');
    expect(wrong.code).toBe(2);
    expect(lines(wrong.stderr)).toEqual(['subrelay: --lang: "de" is not one of en, ko, uk, ru, all']);
    const twice = await cli('export', sampleFile, '--out', out, '--lang', 'en,en');
    expect(lines(twice.stdout)).toEqual([join(out, 'appeal.en.srt'), join(out, 'article.en.txt')]);
  });

  it.each([
    [['--format', 'pdf'], '--format: "pdf"'],
    [['--line-ending', 'cr'], '--line-ending: "cr"'],
  ])('refuses %j with exit 2', async (extra, message) => {
    const out = await temporaryFolder('cli-export');
    const run = await cli('export', sampleFile, '--out', out, ...extra);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 without --out', async () => {
    const run = await cli('export', sampleFile);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['subrelay: --out: give the folder to write to']);
  });

  it('exits 2 when an option has no value', async () => {
    const run = await cli('export', sampleFile, '--out');
    expect(run.code).toBe(2);
  });
});

describe('subrelay commands', () => {
  it('exits 2 for an unknown command', async () => {
    const run = await cli('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith('subrelay: unknown command "frobnicate"')).toBe(true);
  });

  it('exits 2 for an unknown option', async () => {
    const run = await cli('validate', sampleFile, '--bogus');
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
  });

  it('exits 2 without a command', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: subrelay');
  });

  it('prints the version and the usage', async () => {
    const packageJson = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: subrelay <command>');
  });
});

describe('the CLI’s words come from the English locale (issue 10)', () => {
  const english = JSON.parse(readFileSync(join(repoRoot, 'locales', 'en', 'translation.json'), 'utf8')) as {
    cli: Record<string, string>;
  };

  it('counts in words with plural forms (0.4 printed "1 findings: 0 errors, 1 warnings")', async () => {
    const run = await cli('qa', sampleFile, '--lang', 'all');
    expect(run.stdout).toMatch(/\[cps\]\n1 finding: 0 errors, 1 warning\n$/u);
  });

  it('prints the locale’s usage text, with the format catalog', async () => {
    const help = await cli('--help');
    expect(help.stdout.startsWith(`${english.cli['usage']!.split('\n')[0]}\n`)).toBe(true);
    expect(help.stdout).toContain(english.cli['formatAuto']);
    // The XLIFF import entry once, not twice as in 0.4.
    expect(help.stdout.split('import <project> <file.xlf|file.xliff>').length).toBe(2);
  });

  it('names the other places a one-sentence translation fits', async () => {
    // The sample's Article with its Ukrainian column emptied, and the Ukrainian headline alone pasted.
    const sample = await loadSample();
    const article = sample.documents.find((d) => d.id === 'article')!;
    const headline = article.segments.find((s) => s.id === 'h001')!;
    const blank = {
      ...sample,
      documents: sample.documents.map((d) =>
        d.id !== 'article' ? d : { ...d, segments: d.segments.map((s) => ({ ...s, texts: { ...s.texts, uk: '' } })) },
      ),
    };
    const folder = await temporaryFolder('cli-align');
    const project = join(folder, 'blank.subrelay');
    const text = join(folder, 'uk.txt');
    await writeFile(project, serializeProject(blank));
    await writeFile(text, `${headline.texts.uk}\n`);
    const run = await cli('align', project, text, '--document', 'article', '--to', 'uk', '--presegmented');
    expect(run.code).toBe(0);
    const alternatives = lines(run.stdout).filter((line) => line.startsWith('proposed: the translation fits '));
    expect(alternatives.length).toBeGreaterThan(0);
    expect(run.stdout).toContain('h001 to h001 nearly as well');
  });

  it('words a usage error from its code', async () => {
    const run = await cli('qa', sampleFile, '--lang', 'en', '--fps', 'fast');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`subrelay: ${english.cli['qaNotFrameRate']!.replace('{{value}}', 'fast')}\n`);
  });
});

describe('the subrelay binary', () => {
  it('ends quietly when the reader of its output goes away (convert big.srt --to json | head)', async () => {
    const folder = await temporaryFolder('cli-pipe');
    const file = join(folder, 'big.srt');
    const cue = (n: number): string => {
      const at = (seconds: number): string =>
        `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')},000`;
      return `${n}\n${at(2 * n)} --> ${at(2 * n + 1)}\nLine number ${n} of a long film, said slowly.\n`;
    };
    await writeFile(file, Array.from({ length: 20_000 }, (_, k) => cue(k + 1)).join('\n'));
    const result = spawnSync(
      'bash',
      [
        '-c',
        'set -o pipefail; node main/bin/subrelay.js convert "$1" --to json 2>"$2" | head -n 3 >/dev/null',
        '--',
        file,
        join(folder, 'stderr.txt'),
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.error).toBeUndefined();
    expect(await readFile(join(folder, 'stderr.txt'), 'utf8')).toBe('');
    expect(result.status).toBe(0);
  });

  it('exits 1 with one line on stderr for an invalid project', async () => {
    const file = await badProjectFile();
    const result = spawnSync(process.execPath, ['main/bin/subrelay.js', 'validate', file], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^subrelay: .*bad\.subrelay: is damaged at documents\[0\]\.segments\[0\]\.status\.ko: .+\n$/u,
    );
    expect(result.stderr).not.toContain('    at ');
  });
});
