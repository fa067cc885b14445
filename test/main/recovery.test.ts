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
  it('is found again by the same session (a reload) and by a later run (a crash), not by another live window', async () => {
    const folder = await temporaryFolder('journal');
    const host = webHost(folder);
    const run = createHandlers(host);
    const session = randomUUID();
    const project = setSegmentText(
      await loadSample(),
      { documentId: 'appeal', segmentId: 'q001' },
      'ko',
      '복구할 작업',
    );
    await run.writeJournal({ sessionId: session, project, path: null, name: 'kursk-appeal.subrelay' });

    const sameSession = await run.findJournal({ sessionId: session });
    expect(sameSession.journal?.project.documents[0]?.segments[0]?.texts.ko).toBe('복구할 작업');
    expect(sameSession.journal).toMatchObject({ sessionId: session, path: null, name: 'kursk-appeal.subrelay' });

    expect((await run.findJournal({ sessionId: randomUUID() })).journal).toBeNull();

    const nextRun = createHandlers(host);
    const found = await nextRun.findJournal({ sessionId: randomUUID() });
    expect(found.journal?.sessionId).toBe(session);

    await nextRun.clearJournal({ sessionId: session });
    expect((await nextRun.findJournal({ sessionId: session })).journal).toBeNull();
    expect(await readdir(host.journalFolder)).toEqual([]);
  });

  it('offers the newest journal, and skips damaged ones without failing', async () => {
    const folder = await temporaryFolder('journal');
    const host = webHost(folder);
    const earlier = createHandlers(host);
    const sample = await loadSample();
    const older = randomUUID();
    const newer = randomUUID();
    await earlier.writeJournal({ sessionId: older, project: sample, path: null, name: 'older' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await earlier.writeJournal({ sessionId: newer, project: sample, path: null, name: 'newer' });
    await writeFile(join(host.journalFolder, `${randomUUID()}.json`), '{"format":"subrelay-journal","project":{');
    const found = await createHandlers(host).findJournal({ sessionId: randomUUID() });
    expect(found.journal?.name).toBe('newer');
  });

  it('refuses a session id that could name another file', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('journal')));
    const error = errorOf(await dispatch(handlers, 'clearJournal', { sessionId: '../../etc/passwd' }));
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
    if (!opened.canceled) expect(opened.project.title).toBe(first.title);
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
    expect(saved).toEqual({ canceled: false, path: join(root, 'projects', 'appeal.subrelay') });
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
      new RegExp(`^subrelay: ${file}: not valid JSON \\(.+\\) \\(its backup ${file}\\.bak is readable\\)\\n$`, 'u'),
    );
    await writeFile(file, JSON.stringify({ format: 'subrelay', version: 5, requires: '0.9.0' }));
    const newer = await validate(file);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toBe(
      `subrelay: ${file}: version: needs Subrelay 0.9.0 or later (it uses project format 5; this Subrelay reads formats up to 4, written by Subrelay 0.4.0 and later)\n`,
    );
  });
});
