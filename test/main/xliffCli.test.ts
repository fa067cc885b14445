import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runXliffImport } from '../../main/cli/xliffImport';
import { FileError } from '../../main/handlers/files';
import { writeXliff, type XliffVersion } from '../../src/interchange/xliff';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { loadSample, sampleFile, useTemporaryFolders } from './support';

const temporaryFolder = useTemporaryFolders();

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runXliffImport(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** A copy of the sample project and an XLIFF of its appeal (en → ko) with q002 retranslated and q005 approved. */
async function editedFiles(version: XliffVersion, extension: string): Promise<{ project: string; xliff: string }> {
  const folder = await temporaryFolder('xliff-import');
  const project = join(folder, 'appeal.subrelay');
  await copyFile(sampleFile, project);
  const sample = await loadSample();
  const appeal = sample.documents.find((d) => d.id === 'appeal')!;
  const q002 = appeal.segments.find((s) => s.id === 'q002')!;
  let xml = writeXliff(sample, appeal, { version, source: 'en', target: 'ko' }).replace(q002.texts.ko, '고친 번역');
  xml =
    version === '2.0'
      ? xml.replace(/(<unit id="q005">[\s\S]*?<segment )state="initial" subState="subrelay:draft"/u, '$1state="final"')
      : xml.replace(/(<trans-unit id="q005"[\s\S]*?<target )state="needs-review-translation"/u, '$1state="final"');
  const xliff = join(folder, `appeal.en-ko.${extension}`);
  await writeFile(xliff, xml);
  return { project, xliff };
}

async function readProject(file: string): Promise<Project> {
  return parseProject(await readFile(file, 'utf8'));
}

describe('subrelay import PROJECT FILE.xlf', () => {
  for (const [version, extension] of [
    ['2.0', 'xlf'],
    ['1.2', 'xliff'],
  ] as const) {
    it(`applies an XLIFF ${version} file (.${extension}), reports the changes and saves with a backup`, async () => {
      const { project, xliff } = await editedFiles(version, extension);
      const before = await readFile(project, 'utf8');
      const result = await run(project, xliff);
      expect(result).toEqual({
        code: 0,
        stdout:
          'appeal q002 (ko): text changed\n' +
          'appeal q005 (ko): draft → approved\n' +
          `2 segments changed, 7 unchanged; saved ${project} (previous version in ${project}.bak)\n`,
        stderr: '',
      });
      expect(await readFile(`${project}.bak`, 'utf8')).toBe(before);
      const saved = await readProject(project);
      const segments = saved.documents.find((d) => d.id === 'appeal')!.segments;
      expect(segments.find((s) => s.id === 'q002')?.texts.ko).toBe('고친 번역');
      expect(segments.find((s) => s.id === 'q002')?.status.ko).toBe('draft');
      expect(segments.find((s) => s.id === 'q005')?.status.ko).toBe('approved');
    });
  }

  it('--dry-run reports but does not save', async () => {
    const { project, xliff } = await editedFiles('2.0', 'xlf');
    const before = await readFile(project, 'utf8');
    const result = await run(project, xliff, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('appeal q005 (ko): draft → approved\n');
    expect(result.stdout).toContain(`2 segments changed, 7 unchanged (dry run: ${project} not saved)\n`);
    expect(await readFile(project, 'utf8')).toBe(before);
    expect(existsSync(`${project}.bak`)).toBe(false);
  });

  it('does not save when nothing changed', async () => {
    const folder = await temporaryFolder('xliff-import');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const sample = await loadSample();
    const xliff = join(folder, 'article.xlf');
    await writeFile(
      xliff,
      writeXliff(
        sample,
        sample.documents.find((d) => d.id === 'article')!,
        { version: '2.0', source: 'en', target: 'ru' },
      ),
    );
    const result = await run(project, xliff);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^0 segments changed, \d+ unchanged; .* left as it was\n$/u);
    expect(existsSync(`${project}.bak`)).toBe(false);
  });

  it('warns on stderr about units and files the project does not have', async () => {
    const { project, xliff } = await editedFiles('2.0', 'xlf');
    const xml = (await readFile(xliff, 'utf8')).replace('<unit id="q009">', '<unit id="q999">');
    await writeFile(xliff, xml);
    const result = await run(project, xliff);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`subrelay: ${xliff}: warning: appeal q999: no such segment in the project; skipped\n`);
    expect(result.stdout).toContain('2 segments changed, 6 unchanged; saved');
  });

  it('names the XLIFF file and the problem of a broken file, and leaves the project alone', async () => {
    const { project, xliff } = await editedFiles('2.0', 'xlf');
    await writeFile(xliff, '<xliff version="1.1"><file/></xliff>');
    const before = await readFile(project, 'utf8');
    const failure = run(project, xliff);
    await expect(failure).rejects.toThrow(FileError);
    await expect(failure).rejects.toThrow(`${xliff}: XLIFF version 1.1 is not supported (1.2 and 2.0 are)`);
    expect(await readFile(project, 'utf8')).toBe(before);
  });

  it('refuses an XLIFF whose target is the document’s source language', async () => {
    const { project, xliff } = await editedFiles('2.0', 'xlf');
    await writeFile(
      xliff,
      (await readFile(xliff, 'utf8')).replace('srcLang="en" trgLang="ko"', 'srcLang="ko" trgLang="en"'),
    );
    await expect(run(project, xliff)).rejects.toThrow(
      `${xliff}: en is the source language of document "appeal"; an XLIFF import does not change source texts`,
    );
  });

  it('a missing file is a FileError naming it', async () => {
    const { project } = await editedFiles('2.0', 'xlf');
    const missing = join(project, '..', 'nope.xlf');
    await expect(run(project, missing)).rejects.toThrow(`${missing}: no such file or folder`);
  });

  it('usage problems exit 2 with one line on stderr', async () => {
    expect(await run()).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subrelay: give the project and the XLIFF file to import\n',
    });
    expect(await run('a.subrelay', 'b.xlf', 'c')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'subrelay: unexpected argument "c"\n',
    });
    const unknown = await run('a.subrelay', 'b.xlf', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^subrelay: .*--bogus.*\n$/u);
  });
});
