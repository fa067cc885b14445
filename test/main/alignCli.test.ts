import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { scoreBeads, type Range } from '../fixtures/align/gold';
import { udhrCase } from '../fixtures/align/udhr';
import { loadSample, sampleFile, useTemporaryFolders, runCliCollecting } from './support';

const temporaryFolder = useTemporaryFolders();

const cli = runCliCollecting;

/** The sample article's included sentences in two languages, one per line. */
async function presegmentedPair(folder: string, from: 'en' | 'ko' | 'uk' | 'ru', to: 'en' | 'ko' | 'uk' | 'ru') {
  const article = (await loadSample()).documents[1]!.segments.filter((s) => s.excluded !== true);
  const source = join(folder, `src.${from}.txt`);
  const target = join(folder, `tgt.${to}.txt`);
  await writeFile(source, `${article.map((s) => s.texts[from]).join('\n')}\n`);
  await writeFile(target, `${article.map((s) => s.texts[to]).join('\n')}\n`);
  return { source, target, count: article.length };
}

describe('subrelay align', () => {
  it('prints hunalign’s ladder from 0 0 to n m, guessing the languages', async () => {
    const folder = await temporaryFolder('align');
    const { source, target, count } = await presegmentedPair(folder, 'en', 'ko');
    const result = await cli('align', source, target, '--presegmented');
    expect(result.code).toBe(0);
    const rungs = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rungs[0]?.slice(0, 2)).toEqual(['0', '0']);
    expect(rungs[rungs.length - 1]?.slice(0, 2)).toEqual([String(count), String(count)]);
    for (const rung of rungs) expect(Number(rung[2])).toBeGreaterThanOrEqual(0);
    // The sample's translations are 1–1: every rung moves one step on each side.
    expect(rungs).toHaveLength(count + 1);
  });

  it('aligns a language that is not one of the four (Japanese against English) without being told', async () => {
    const folder = await temporaryFolder('align');
    const udhr = udhrCase('eng', 'jpn', 'en', 'ko');
    const source = join(folder, 'udhr.eng.txt');
    const target = join(folder, 'udhr.jpn.txt');
    await writeFile(source, `${udhr.source.texts.join('\n')}\n`);
    await writeFile(target, `${udhr.target.texts.join('\n')}\n`);
    // Before, this stopped with "cannot tell the language"; the aligner itself handles Japanese.
    const result = await cli('align', source, target, '--presegmented', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const beads = (JSON.parse(result.stdout) as { beads: Array<{ source: number[]; target: number[] }> }).beads;
    const ranges = beads.map((bead): Range => [bead.source[0]!, bead.source[1]!, bead.target[0]!, bead.target[1]!]);
    expect(scoreBeads(ranges, udhr.gold, udhr.review).f1).toBeGreaterThanOrEqual(0.95);
  });

  it('prints aligned text pairs as TSV and beads as JSON', async () => {
    const folder = await temporaryFolder('align');
    const { source, target, count } = await presegmentedPair(folder, 'uk', 'ru');
    const tsv = await cli('align', source, target, '--presegmented', '--format', 'tsv', '--from', 'uk', '--to', 'ru');
    expect(tsv.stdout.trimEnd().split('\n')).toHaveLength(count);
    expect(tsv.stdout.split('\n')[0]?.split('\t')).toHaveLength(3);
    const json = JSON.parse((await cli('align', source, target, '--presegmented', '--format', 'json')).stdout) as {
      from: string;
      to: string;
      beads: { source: [number, number]; target: [number, number]; confidence: number }[];
    };
    expect([json.from, json.to]).toEqual(['uk', 'ru']);
    expect(json.beads[0]).toMatchObject({ source: [0, 1], target: [0, 1] });
  });

  it('keeps empty lines as segments with --presegmented', async () => {
    const folder = await temporaryFolder('align');
    await writeFile(join(folder, 'a.txt'), 'One.\n\nThree.\n');
    await writeFile(join(folder, 'b.txt'), 'Один.\n\nТри.\n');
    const json = JSON.parse(
      (await cli('align', join(folder, 'a.txt'), join(folder, 'b.txt'), '--presegmented', '--format', 'json')).stdout,
    ) as { beads: { sourceText: string[] }[] };
    expect(json.beads.flatMap((b) => b.sourceText)).toEqual(['One.', '', 'Three.']);
  });

  it.each([
    ['a missing file', async (folder: string) => join(folder, 'missing.txt'), /no such file or folder$/u],
    [
      'a binary file',
      async (folder: string) => {
        await writeFile(join(folder, 'bin.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 0]));
        return join(folder, 'bin.txt');
      },
      /binary/u,
    ],
  ])('refuses %s with the one-line error', async (_label, make, pattern) => {
    const folder = await temporaryFolder('align');
    await writeFile(join(folder, 'ok.txt'), 'Fine.\n');
    const bad = await make(folder);
    const result = await cli('align', join(folder, 'ok.txt'), bad);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr.startsWith(`subrelay: ${bad}: `)).toBe(true);
    expect(result.stderr.trimEnd()).toMatch(pattern);
  });

  it('fills a project’s column from a text file and saves it with a backup', async () => {
    const folder = await temporaryFolder('align');
    const project = join(folder, 'p.subrelay');
    // The sample with the Article's Korean column emptied, as before a translation is aligned in.
    const sample = await loadSample();
    const emptied = {
      ...sample,
      documents: sample.documents.map((d) =>
        d.id === 'article' ? { ...d, segments: d.segments.map((s) => ({ ...s, texts: { ...s.texts, ko: '' } })) } : d,
      ),
    };
    await writeFile(project, serializeProject(emptied));
    const original = await readFile(project, 'utf8');
    const article = sample.documents[1]!.segments.filter((s) => s.excluded !== true);
    const text = join(folder, 'ko.txt');
    await writeFile(text, article.map((s) => s.texts.ko).join('\n\n'));
    const result = await cli('align', project, text, '--document', 'article', '--to', 'ko');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /p\.subrelay: aligned \d+ sentences into article \(ko\) against en, rows h001 to a038: \d+ cells filled, \d+ links to check, 0 proposals \(0 accepted\), 0 rows without a sentence; saved .*p\.subrelay \(previous version in .*p\.subrelay\.bak\)\n$/u,
    );
    const saved = parseProject(await readFile(project, 'utf8'));
    expect(saved.documents[1]?.segments[0]?.texts.ko).toBe(article[0]?.texts.ko);
    expect(saved.documents[1]?.segments[0]?.confidence?.ko).toBeGreaterThan(0);
    expect(await readFile(`${project}.bak`, 'utf8')).toBe(original);
    expect((await cli('align', project, text, '--to', 'ko')).code).toBe(2);
  });

  it('aligns a partial translation into its own rows and reshapes nothing (issue 10, loss 1)', async () => {
    const folder = await temporaryFolder('align');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const sample = await loadSample();
    const before = sample.documents[1]!.segments;
    // The first four included rows (h001, a001, a002, a005), with a001 left out.
    const [h001, a001, a002, a005] = before.filter((s) => s.excluded !== true);
    const text = join(folder, 'uk.txt');
    await writeFile(text, [h001!, a002!, a005!].map((s) => s.texts.uk).join('\n'));
    const result = await cli('align', project, text, '--document', 'article', '--to', 'uk', '--presegmented');
    expect(result.code).toBe(0);
    const after = parseProject(await readFile(project, 'utf8')).documents[1]!.segments;
    expect(after).toHaveLength(40);
    expect(after.map((s) => s.texts.en)).toEqual(before.map((s) => s.texts.en));
    expect(after.map((s) => s.texts.uk)).toEqual(before.map((s) => s.texts.uk));
    expect(after.filter((s) => s.texts.uk !== '' && s.excluded !== true)).toHaveLength(36);
    expect(result.stdout).toContain(`proposed: ${a001!.id}: the translation has no sentence for this row\n`);
    expect(result.stdout).toContain(`applied: ${a005!.id}: filled (confidence `);
    expect(result.stdout).toMatch(/rows h001 to a005: 3 cells filled, .*1 rows without a sentence; saved /u);
  });

  it('applies proposals only when --accept takes them, and refuses a wrong --accept', async () => {
    const folder = await temporaryFolder('align');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const article = (await loadSample()).documents[1]!.segments.filter((s) => s.excluded !== true);
    const text = join(folder, 'uk.txt');
    const lines = article.slice(15, 25).map((s) => s.texts.uk);
    lines.splice(3, 0, 'Цього речення в англійському тексті немає зовсім, і воно має отримати окремий рядок.');
    await writeFile(text, lines.join('\n'));
    const declined = await cli('align', project, text, '--document', 'article', '--to', 'uk', '--presegmented');
    expect(declined.code).toBe(0);
    expect(declined.stdout).toMatch(/proposed: a sentence with no counterpart, proposed as a new row after a0\d\d: /u);
    expect(declined.stdout).toContain('applied: not inserted (the new row was not accepted): ');
    expect(parseProject(await readFile(project, 'utf8')).documents[1]!.segments).toHaveLength(40);
    const accepted = await cli(
      'align',
      project,
      text,
      '--document',
      'article',
      '--to',
      'uk',
      '--presegmented',
      '--accept',
      'newRow',
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/applied: new row after a0\d\d: /u);
    expect(parseProject(await readFile(project, 'utf8')).documents[1]!.segments).toHaveLength(41);
    const wrong = await cli('align', project, text, '--document', 'article', '--to', 'uk', '--accept', 'some');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--accept: "some" is not one of none, merge, newRow, all');
  });

  it('words a refused alignment from the locale, naming the project', async () => {
    const folder = await temporaryFolder('align');
    const project = join(folder, 'p.subrelay');
    await copyFile(sampleFile, project);
    const text = join(folder, 'en.txt');
    await writeFile(text, 'Some text.\n');
    const result = await cli('align', project, text, '--document', 'article', '--to', 'en', '--from', 'uk');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `subrelay: ${project}: en is the source language of “article”: an alignment never changes source texts\n`,
    );
    const unknown = await cli('align', project, text, '--document', 'nope', '--to', 'uk');
    expect(unknown.stderr).toBe(`subrelay: ${project}: the project has no document “nope”\n`);
  });
});
