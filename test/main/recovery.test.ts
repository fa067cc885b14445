import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { dispatch } from '../../main/handlers/dispatch';
import { backupPathOf, readProjectFileOfferingBackup } from '../../main/handlers/files';
import { createHandlers } from '../../main/handlers/handlers';
import type { ApiEnvelope } from '../../src/api/contract';
import { setSegmentText } from '../../src/model/edit';
import { serializeProject } from '../../src/model/serialize';
import { loadSample, useTemporaryFolders, webHost } from './support';

const temporaryFolder = useTemporaryFolders();

function errorOf(envelope: ApiEnvelope<unknown>) {
  if (envelope.ok) throw new Error('expected a failure');
  return envelope.error;
}

describe('the journal of unsaved work', () => {
  const edited = async (text: string) =>
    setSegmentText(await loadSample(), { documentId: 'appeal', segmentId: 'q001' }, 'ko', text);

  it('belongs to the project: found by a reload, by another tab once the first let go, and by a later run', async () => {
    const folder = await temporaryFolder('journal');
    const host = webHost(folder);
    const run = createHandlers(host);
    const tab = randomUUID();
    const journalId = randomUUID();
    await run.writeJournal({ sessionId: tab, journalId, project: await edited('복구할 작업'), path: null, name: 'a' });

    // The same tab after a reload finds it.
    const reloaded = await run.listJournals({ sessionId: tab });
    expect(reloaded.journals.map((j) => j.journalId)).toEqual([journalId]);
    expect(reloaded.journals[0]?.project.documents[0]?.segments[0]?.texts.ko).toBe('복구할 작업');

    // Another tab of the same run does not, while the first tab still holds it…
    const other = randomUUID();
    expect((await run.listJournals({ sessionId: other })).journals).toEqual([]);
    // …but does once that tab closed (it lets go of its journals).
    await run.releaseJournals({ sessionId: tab });
    expect((await run.listJournals({ sessionId: other })).journals.map((j) => j.name)).toEqual(['a']);

    // A later run (after a crash) finds it too.
    const nextRun = createHandlers(host);
    expect((await nextRun.listJournals({ sessionId: randomUUID() })).journals).toHaveLength(1);
    await nextRun.clearJournal({ sessionId: other, journalId, path: null });
    expect((await nextRun.listJournals({ sessionId: randomUUID() })).journals).toEqual([]);
    expect(await readdir(host.journalFolder)).toEqual([]);
  });

  it('lists every journal left behind, newest first, and skips damaged ones without failing', async () => {
    const folder = await temporaryFolder('journal');
    const host = webHost(folder);
    const earlier = createHandlers(host);
    const sample = await loadSample();
    await earlier.writeJournal({
      sessionId: randomUUID(),
      journalId: randomUUID(),
      project: sample,
      path: null,
      name: 'older',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await earlier.writeJournal({
      sessionId: randomUUID(),
      journalId: randomUUID(),
      project: sample,
      path: null,
      name: 'newer',
    });
    await writeFile(join(host.journalFolder, `u-${randomUUID()}.json`), '{"format":"subrelay-journal","project":{');
    const found = await createHandlers(host).listJournals({ sessionId: randomUUID() });
    expect(found.journals.map((j) => j.name)).toEqual(['newer', 'older']);
  });

  it('keys a saved project’s journal by its path, and offers it when the project is opened again', async () => {
    const folder = await temporaryFolder('journal');
    const path = join(folder, 'work.subrelay');
    const handlers = createHandlers(webHost(folder));
    await handlers.saveProject({ project: await loadSample(), path });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const tab = randomUUID();
    // Two tabs (two journal ids) on the same file share one journal: the project's.
    await handlers.writeJournal({
      sessionId: tab,
      journalId: randomUUID(),
      project: await edited('첫째'),
      path,
      name: 'work.subrelay',
    });
    await handlers.writeJournal({
      sessionId: tab,
      journalId: randomUUID(),
      project: await edited('둘째'),
      path,
      name: 'work.subrelay',
    });
    expect((await readdir(join(folder, '.journal'))).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    await handlers.releaseJournals({ sessionId: tab });

    const opened = await handlers.openProject({ path, sessionId: randomUUID() });
    if (opened.canceled || 'startFrom' in opened) throw new Error('expected a project');
    expect(opened.recovered?.project.documents[0]?.segments[0]?.texts.ko).toBe('둘째');
    expect(opened.project.documents[0]?.segments[0]?.texts.ko).not.toBe('둘째');

    // Once saved, the file is newer than the journal: nothing is offered.
    await handlers.saveProject({ project: await edited('둘째'), path });
    const again = await handlers.openProject({ path });
    if (again.canceled || 'startFrom' in again) throw new Error('expected a project');
    expect(again.recovered).toBeNull();
  });

  it('on the desktop, takes no path the user did not choose, so a journal can never grant one', async () => {
    const folder = await temporaryFolder('journal');
    const host = { ...webHost(folder), mode: 'electron' as const };
    const handlers = createHandlers(host);
    const error = errorOf(
      await dispatch(handlers, 'writeJournal', {
        sessionId: randomUUID(),
        journalId: randomUUID(),
        project: await loadSample(),
        path: join(folder, 'elsewhere.subrelay'),
        name: 'elsewhere',
      }),
    );
    expect(error.code).toBe('forbidden');
    expect(await readdir(folder)).toEqual([]);
    // And the path is still not granted afterwards.
    const save = errorOf(
      await dispatch(handlers, 'saveProject', {
        project: await loadSample(),
        path: join(folder, 'elsewhere.subrelay'),
      }),
    );
    expect(save.code).toBe('forbidden');
  });

  it('refuses ids that could name another file', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('journal')));
    const error = errorOf(
      await dispatch(handlers, 'clearJournal', { sessionId: randomUUID(), journalId: '../../etc/passwd', path: null }),
    );
    expect(error.code).toBe('invalid-request');
  });
});

describe('backups', () => {
  it('keep the previous version on every save and are offered when the project is damaged', async () => {
    const folder = await temporaryFolder('backup');
    const handlers = createHandlers(webHost(folder));
    const path = join(folder, 'work.subrelay');
    const first = await loadSample();
    const second = { ...first, title: 'Second' };
    await handlers.saveProject({ project: first, path });
    await handlers.saveProject({ project: second, path });
    expect(await readFile(backupPathOf(path), 'utf8')).toBe(serializeProject(first));
    await writeFile(path, '{"format":"subrelay","version":2,"title":');

    const error = errorOf(await dispatch(handlers, 'openProject', { path }));
    expect(error).toMatchObject({ code: 'bad-file', file: path, backup: backupPathOf(path) });
    expect(error.problem?.code).toBe('not-json');

    const opened = await handlers.openBackup({ path });
    expect(opened).toMatchObject({ canceled: false, path, name: 'work.subrelay' });
    if (!opened.canceled && 'project' in opened) expect(opened.project.title).toBe(first.title);
  });

  it('are not offered for a file of a newer format, nor when the backup is damaged too', async () => {
    const folder = await temporaryFolder('backup');
    const path = join(folder, 'work.subrelay');
    await writeFile(backupPathOf(path), serializeProject(await loadSample()));
    await writeFile(path, JSON.stringify({ format: 'subrelay', version: 9, requires: '4.0.0' }));
    await expect(readProjectFileOfferingBackup(path)).rejects.toMatchObject({
      backup: undefined,
      problemCode: { code: 'newer-version', params: { requires: '4.0.0', version: 9 } },
    });
    await writeFile(path, 'garbage');
    await writeFile(backupPathOf(path), 'garbage too');
    await expect(readProjectFileOfferingBackup(path)).rejects.toMatchObject({ backup: undefined });
  });
});

describe('the web mode’s root folder', () => {
  async function rooted() {
    const home = await temporaryFolder('root');
    const root = join(home, 'Subrelay');
    await mkdir(root);
    return { home, root, handlers: createHandlers(webHost(join(root, 'exports'), { root })) };
  }

  it('takes relative paths from the root and allows any folder inside it', async () => {
    const { root, handlers } = await rooted();
    const saved = await handlers.saveProject({ project: await loadSample(), path: 'projects/appeal.subrelay' });
    expect(saved).toMatchObject({ canceled: false, path: join(root, 'projects', 'appeal.subrelay') });
  });

  it.each([['../outside.subrelay'], ['projects/../../outside.subrelay'], ['/etc/subrelay.subrelay']])(
    'refuses %s',
    async (path) => {
      const { home, handlers } = await rooted();
      const error = errorOf(await dispatch(handlers, 'saveProject', { project: await loadSample(), path }));
      expect(error).toMatchObject({ code: 'forbidden', problem: { code: 'outside-root' } });
      expect(await readdir(home)).toEqual(['Subrelay']);
    },
  );

  it('refuses a symlink that leads out of the root', async () => {
    const { home, root, handlers } = await rooted();
    await mkdir(join(home, 'elsewhere'));
    await symlink(join(home, 'elsewhere'), join(root, 'link'));
    const error = errorOf(
      await dispatch(handlers, 'exportFiles', {
        project: await loadSample(),
        documentIds: ['appeal'],
        languages: ['en'],
        format: 'auto',
        folder: join(root, 'link', 'exports'),
      }),
    );
    expect(error.problem?.code).toBe('outside-root');
    expect(await readdir(join(home, 'elsewhere'))).toEqual([]);
  });
});

describe('problem codes', () => {
  it('travel with every file error so the interface can translate them', async () => {
    const folder = await temporaryFolder('problems');
    const handlers = createHandlers(webHost(folder));
    const missing = errorOf(await dispatch(handlers, 'openProject', { path: join(folder, 'none.subrelay') }));
    expect(missing).toMatchObject({ code: 'not-found', problem: { code: 'not-found' } });
    await writeFile(join(folder, 'bad.subrelay'), JSON.stringify({ format: 'subrelay', version: 4 }));
    const invalid = errorOf(await dispatch(handlers, 'openProject', { path: join(folder, 'bad.subrelay') }));
    expect(invalid.problem).toMatchObject({ code: 'invalid-project', params: { field: 'requires' } });
  });
});

describe('subrelay validate', () => {
  async function validate(file: string) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['validate', file], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  it('says an older file is read in the current format', async () => {
    const file = fileURLToPath(new URL('../fixtures/kursk-appeal.v1.subrelay', import.meta.url));
    const result = await validate(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${file}: valid (2 documents, 48 segments; written in project format 1, read as format 4: saving it upgrades the file)\n`,
    );
  });

  it('names the readable backup of a damaged file, and the release a newer file needs, in one line', async () => {
    const folder = await temporaryFolder('validate');
    const file = join(folder, 'p.subrelay');
    await writeFile(backupPathOf(file), serializeProject(await loadSample()));
    await writeFile(file, '{"format":"subrelay"');
    const damaged = await validate(file);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(
      new RegExp(
        `^subrelay: ${file}: is damaged: not valid JSON \\(.+\\) \\(its backup ${file}\\.bak is readable\\)\\n$`,
        'u',
      ),
    );
    await writeFile(file, JSON.stringify({ format: 'subrelay', version: 5, requires: '0.9.0' }));
    const newer = await validate(file);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toBe(
      // Worded from `problem.newer-version`, as the interface words it.
      `subrelay: ${file}: needs Subrelay 0.9.0 or later (project format 5): update Subrelay to open it\n`,
    );
  });
});
