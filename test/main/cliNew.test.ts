import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/model/schema';
import { repoRoot, runCliCollecting as cli, sampleFile, useTemporaryFolders } from './support';

const temporaryFolder = useTemporaryFolders();
const articleFile = join(repoRoot, 'samples', 'kursk-appeal', 'article.en.txt');

describe('subrelay new', () => {
  it('starts a project from an article and a subtitle file, guessing the languages', async () => {
    const folder = await temporaryFolder('new');
    const out = join(folder, 'kursk.subrelay');
    const srt = join(folder, 'appeal.ko.srt');
    await writeFile(
      srt,
      '1\n00:00:01,000 --> 00:00:03,000\n형제 여러분!\n\n2\n00:00:03,500 --> 00:00:05,000\n살아서 돌아가십시오.\n',
    );
    const result = await cli('new', out, '--article', articleFile, '--transcript', srt, '--title', 'Kursk appeal');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `${out}: article: an article in en, 39 segments, 4 excluded as page furniture (include them again with Ctrl+Shift+X)`,
        `${out}: appeal-ko: a transcript in ko, 2 segments, 2 timed`,
        `${out}: created ${out}`,
        '',
      ].join('\n'),
    );
    const project = parseProject(await readFile(out, 'utf8'));
    expect(project.title).toBe('Kursk appeal');
    expect(project.documents.map((d) => [d.kind, d.sourceLanguage, d.segments.length])).toEqual([
      ['article', 'en', 39],
      ['transcript', 'ko', 2],
    ]);
  });

  it('makes an untimed transcript from a text file in the language given', async () => {
    const folder = await temporaryFolder('new');
    const out = join(folder, 'plain.subrelay');
    const text = join(folder, 'speech.txt');
    await writeFile(text, 'Брати мої! Ми з вами з одного народу.\n');
    const result = await cli('new', out, '--transcript', text, '--lang', 'uk');
    expect(result.code).toBe(0);
    const project = parseProject(await readFile(out, 'utf8'));
    expect(project.title).toBe('plain');
    expect(project.documents[0]?.segments.map((s) => [s.start, s.texts.uk])).toEqual([
      [undefined, 'Брати мої!'],
      [undefined, 'Ми з вами з одного народу.'],
    ]);
  });

  it('makes an empty project', async () => {
    const folder = await temporaryFolder('new');
    const out = join(folder, 'empty.subrelay');
    expect((await cli('new', out)).code).toBe(0);
    expect(parseProject(await readFile(out, 'utf8')).documents).toEqual([]);
  });

  it('never overwrites an existing file', async () => {
    const folder = await temporaryFolder('new');
    const out = join(folder, 'p.subrelay');
    await copyFile(sampleFile, out);
    const before = await readFile(out, 'utf8');
    const result = await cli('new', out, '--article', articleFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `subrelay: ${out}: already exists: choose another name (a new project never overwrites a file)\n`,
    );
    expect(await readFile(out, 'utf8')).toBe(before);
  });

  it('refuses wrong command lines with exit code 2, and a text whose language cannot be told with 1', async () => {
    const folder = await temporaryFolder('new');
    const out = join(folder, 'p.subrelay');
    expect((await cli('new')).code).toBe(2);
    expect((await cli('new', join(folder, 'p.txt'))).code).toBe(2);
    expect((await cli('new', out, '--lang', 'de')).code).toBe(2);
    expect((await cli('new', out, '--lang', 'en', '--article-lang', 'uk')).code).toBe(2);
    const digits = join(folder, 'digits.txt');
    await writeFile(digits, '1234 5678\n');
    const unknown = await cli('new', out, '--article', digits);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`subrelay: ${digits}: cannot tell the language from the letters: name it\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('subrelay import (limits)', () => {
  it('refuses a cue past 100 hours and leaves the project as it was', async () => {
    const folder = await temporaryFolder('import');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const before = await readFile(project, 'utf8');
    const srt = join(folder, 'late.srt');
    await writeFile(srt, '1\n101:00:00,000 --> 101:00:02,000\nПізно\n');
    const result = await cli('import', project, srt, '--document', 'appeal', '--lang', 'uk');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^subrelay: ${project}: appeal c001 would have a time past 100 hours, the latest Subrelay opens; nothing was changed\\n$`,
        'u',
      ),
    );
    expect(await readFile(project, 'utf8')).toBe(before);
    expect(existsSync(`${project}.bak`)).toBe(false);
  });
});
