import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/handlers/dispatch';
import { ensurePrivateFolder, parseFileText, writeFileAtomic } from '../../main/handlers/files';
import { createHandlers } from '../../main/handlers/handlers';
import { serializeProject } from '../../src/model/serialize';
import { takeWebToken, TOKEN_KEY, type TokenWindow } from '../../renderer/src/api/webToken';
import { loadSample, runCliCollecting, sampleFile, useTemporaryFolders, webHost } from './support';

/*
 * One test per hole an adversarial review found in issue 14; each failed on the main branch before the fix.
 */

const temporaryFolder = useTemporaryFolders();

function permissions(mode: number): string {
  return (mode & 0o777).toString(8);
}

describe('openBackup in web mode', () => {
  it('refuses a .bak symlinked out of the root, although the project itself lies inside', async () => {
    const home = await temporaryFolder('bak');
    const root = join(home, 'Subrelay');
    await mkdir(root);
    await mkdir(join(home, 'secret'));
    const outside = join(home, 'secret', 'other.subrelay');
    await writeFile(outside, serializeProject(await loadSample()));
    await writeFile(join(root, 'p.subrelay'), 'damaged');
    await symlink(outside, join(root, 'p.subrelay.bak'));
    const handlers = createHandlers(webHost(join(root, 'exports'), { root }));
    const envelope = await dispatch(handlers, 'openBackup', { path: 'p.subrelay' });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'forbidden', problem: { code: 'outside-root' }, file: join(root, 'p.subrelay.bak') },
    });
  });

  it('still opens a .bak that lies inside the root', async () => {
    const root = await temporaryFolder('bak-inside');
    await writeFile(join(root, 'p.subrelay'), 'damaged');
    await writeFile(join(root, 'p.subrelay.bak'), serializeProject(await loadSample()));
    const handlers = createHandlers(webHost(join(root, 'exports'), { root }));
    const opened = await handlers.openBackup({ path: 'p.subrelay' });
    expect(opened).toMatchObject({ canceled: false, path: join(root, 'p.subrelay'), name: 'p.subrelay' });
  });
});

describe('XML errors', () => {
  it('name the file when the XML parser itself refuses it (a DOCTYPE inside the root element)', async () => {
    const folder = await temporaryFolder('xml');
    const xliff = join(folder, 'evil.xlf');
    await writeFile(
      xliff,
      '<xliff version="2.0" srcLang="en" trgLang="uk"><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
        '<file id="article"></file></xliff>\n',
    );
    const project = join(folder, 'p.subrelay');
    await writeFile(project, await (await import('node:fs/promises')).readFile(sampleFile, 'utf8'));
    const result = await runCliCollecting('import', project, xliff, '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`subrelay: ${xliff}: External entities are not supported`);
  });

  it('parseFileText wraps any error a reader throws in a FileError naming the file', () => {
    expect(() =>
      parseFileText('/data/a.tmx', '<tmx>', () => {
        throw new Error('Unexpected end of\n input');
      }),
    ).toThrow(
      expect.objectContaining({
        file: '/data/a.tmx',
        kind: 'bad-file',
        message: '/data/a.tmx: Unexpected end of input',
      }),
    );
  });
});

describe('the web mode’s token', () => {
  function fakePage(href: string, stored: Record<string, string> = {}) {
    const replaced: string[] = [];
    const storage = new Map(Object.entries(stored));
    const page: TokenWindow = {
      location: { href },
      history: { state: { kept: true }, replaceState: (_state, _unused, url) => replaced.push(url) },
      sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => storage.set(key, value) },
    };
    return { page, replaced, storage };
  }

  it('leaves the address bar: kept in session storage, stripped with history.replaceState', () => {
    const { page, replaced, storage } = fakePage('http://127.0.0.1:4000/?token=abc_DEF-123&lang=ko#grid');
    expect(takeWebToken(page)).toBe('abc_DEF-123');
    expect(storage.get(TOKEN_KEY)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/?lang=ko#grid']);
  });

  it('comes back from session storage after a reload, with nothing to strip', () => {
    const { page, replaced } = fakePage('http://127.0.0.1:4000/', { [TOKEN_KEY]: 'kept' });
    expect(takeWebToken(page)).toBe('kept');
    expect(replaced).toEqual([]);
  });
});

describe('files holding the user’s text', () => {
  it.skipIf(process.platform === 'win32')('are written 0600 when new, journals included', async () => {
    const folder = await temporaryFolder('modes');
    const journalFolder = join(folder, 'data', 'journal');
    await ensurePrivateFolder(journalFolder);
    const handlers = createHandlers(webHost(folder, { root: folder, journalFolder }));
    const sessionId = '00000000-0000-4000-8000-000000000001';
    const journalId = '00000000-0000-4000-8000-000000000002';
    await handlers.writeJournal({ sessionId, journalId, project: await loadSample(), path: null, name: 'p.subrelay' });
    expect(permissions((await stat(join(journalFolder, `u-${journalId}.json`))).mode)).toBe('600');
    expect(permissions((await stat(journalFolder)).mode)).toBe('700');
    await handlers.saveProject({ project: await loadSample(), path: 'p.subrelay' });
    expect(permissions((await stat(join(folder, 'p.subrelay'))).mode)).toBe('600');
  });

  it.skipIf(process.platform === 'win32')('keep the mode an existing file has', async () => {
    const folder = await temporaryFolder('modes-kept');
    const file = join(folder, 'shared.subrelay');
    await writeFile(file, 'old', { mode: 0o640 });
    await writeFileAtomic(file, 'new');
    expect(permissions((await stat(file)).mode)).toBe('640');
  });

  it.skipIf(process.platform === 'win32')('narrow an existing world-readable data folder to 0700', async () => {
    const folder = join(await temporaryFolder('modes-folder'), 'journal');
    await mkdir(folder, { mode: 0o755 });
    await ensurePrivateFolder(folder);
    expect(permissions((await stat(folder)).mode)).toBe('700');
  });
});
