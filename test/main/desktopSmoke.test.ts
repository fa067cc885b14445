import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appDataFolder } from '../../main/paths';
import { OPERATIONS } from '../../src/api/contract';
import { COMMANDS, DESKTOP_COMMANDS } from '../../src/commands/commands';
import { serializeProject } from '../../src/model/serialize';
import { buildAppOnce } from './builtApp';
import { createRecordingElectron, type RecordingElectron } from './recordingElectron';
import { loadSample, repoRoot, sampleFile } from './support';

/*
 * The desktop smoke test: the built main process (`out/main/index.js`, what
 * Electron runs) loaded in Node against a recording test double of `electron`
 * (./recordingElectron.ts). Electron's binary cannot be downloaded here; the
 * Playwright test in test/e2e/electron.spec.ts runs the real thing where it can.
 */

const builtMain = join(repoRoot, 'out', 'main', 'index.js');
const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;
const realArgv = process.argv;
const folders: string[] = [];

beforeAll(async () => {
  // `npm test` runs these tests before its own build: build here when the sources are newer.
  await buildAppOnce();
  expect(existsSync(builtMain)).toBe(true);
}, 300_000);

afterEach(async () => {
  Object.defineProperty(process, 'platform', realPlatform);
  process.argv = realArgv;
  vi.unstubAllEnvs();
  vi.doUnmock('electron');
  vi.resetModules();
  // The main process saves its state on a queue that may still be writing as a test ends: retry, as rm allows.
  for (const folder of folders.splice(0))
    await rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

interface LaunchOptions {
  readonly platform?: NodeJS.Platform;
  readonly argv?: ReadonlyArray<string>;
  readonly singleInstanceLock?: boolean;
  readonly workAreas?: ReadonlyArray<{ x: number; y: number; width: number; height: number }>;
  readonly dark?: boolean;
  /** Written to desktop-state.json before start-up. */
  readonly state?: unknown;
  readonly home?: string;
}

interface Launched {
  readonly electron: RecordingElectron;
  readonly home: string;
  readonly dataFolder: string;
}

/** Starts the built main process against a fresh double, as `platform` would run it. */
async function launch(options: LaunchOptions = {}): Promise<Launched> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'subrelay-desktop-')));
  if (options.home === undefined) folders.push(home);
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', join(home, '.config'));
  vi.stubEnv('APPDATA', join(home, 'AppData', 'Roaming'));
  Object.defineProperty(process, 'platform', { ...realPlatform, value: options.platform ?? 'linux' });
  process.argv = [process.execPath, ...(options.argv ?? [])];
  const dataFolder = appDataFolder();
  if (options.state !== undefined) {
    await mkdir(dataFolder, { recursive: true });
    await writeFile(join(dataFolder, 'desktop-state.json'), JSON.stringify(options.state));
  }
  const electron = createRecordingElectron(options);
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  await import(/* @vite-ignore */ pathToFileURL(builtMain).href);
  electron.becomeReady();
  if (options.singleInstanceLock !== false) {
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), { timeout: 10_000 });
  }
  return { electron, home, dataFolder };
}

function mainWindow(electron: RecordingElectron) {
  const window = electron.windows[0];
  if (window === undefined) throw new Error('no window was created');
  return window;
}

/** An IPC event as Electron builds it, from our window's main frame by default. */
function eventFrom(electron: RecordingElectron, overrides: { id?: number; url?: string; subframe?: boolean } = {}) {
  const window = mainWindow(electron);
  return {
    sender: { id: overrides.id ?? window.webContents.id },
    senderFrame: {
      url: overrides.url ?? 'app://subrelay/index.html',
      parent: overrides.subframe === true ? { url: 'app://subrelay/index.html' } : null,
    },
  };
}

async function invoke(electron: RecordingElectron, channel: string, payload: unknown, event?: unknown) {
  const handler = electron.ipcHandlers.get(channel);
  if (handler === undefined) throw new Error(`nothing handles ${channel}`);
  return handler(event ?? eventFrom(electron), payload);
}

function opensSent(electron: RecordingElectron): unknown[] {
  return mainWindow(electron)
    .webContents.sent.filter((message) => message.channel === 'subrelay:open-file')
    .map((message) => message.args[0]);
}

type Item = Record<string, unknown> & { submenu?: Item[] };

function topMenus(electron: RecordingElectron): Item[] {
  const menu = electron.applicationMenu();
  if (menu === undefined) throw new Error('no application menu was set');
  return menu.template as Item[];
}

function menuById(electron: RecordingElectron, id: string): Item {
  const found = topMenus(electron).find((menu) => menu['id'] === id);
  if (found === undefined) throw new Error(`no ${id} menu`);
  return found;
}

function itemsOf(menu: Item): Item[] {
  return menu.submenu ?? [];
}

async function sampleProjectIn(folder: string, name = 'appeal.subrelay'): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, serializeProject(await loadSample()));
  return path;
}

describe('desktop start-up', () => {
  it('registers app://, refuses permissions, creates one secure window with a background colour and loads the app', async () => {
    const { electron } = await launch();
    expect(electron.callsOf('protocol', 'registerSchemesAsPrivileged')).toHaveLength(1);
    expect(electron.callsOf('protocol', 'registerSchemesAsPrivileged')[0]?.args[0]).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    expect(electron.callsOf('protocol', 'handle').map((call) => call.args[0])).toEqual(['app']);
    expect(electron.callsOf('session', 'setPermissionRequestHandler')).toHaveLength(1);
    expect(electron.callsOf('app', 'exit')).toEqual([]);
    const window = mainWindow(electron);
    expect(window.options).toMatchObject({
      show: false,
      backgroundColor: '#ffffff',
      minWidth: 900,
      minHeight: 600,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    const preload = (window.options['webPreferences'] as { preload: string }).preload;
    expect(existsSync(preload)).toBe(true);
    expect(window.loadedUrl).toBe('app://subrelay/index.html');
    // Chromium's spell checker gets our languages where it has them (no Korean dictionary ships).
    expect(electron.callsOf('session', 'setSpellCheckerLanguages')[0]?.args[0]).toEqual(['en-US', 'uk', 'ru']);
    expect(electron.callsOf('session', 'setSpellCheckerEnabled')[0]?.args[0]).toBe(true);
  });

  it('paints the dark background when the system is dark', async () => {
    const { electron } = await launch({ dark: true });
    expect(mainWindow(electron).options['backgroundColor']).toBe('#17191d');
  });

  it.each(['linux', 'darwin', 'win32'] as const)(
    'on %s keeps its data in the same Subrelay folder as the web mode, readable by its owner only',
    async (platform) => {
      const { electron, dataFolder } = await launch({ platform });
      const [setPath] = electron.callsOf('app', 'setPath');
      expect(setPath?.args).toEqual(['userData', dataFolder]);
      expect(dataFolder.endsWith(join(platform === 'darwin' ? 'Application Support' : '', 'Subrelay'))).toBe(true);
      await vi.waitFor(async () =>
        expect(((await stat(join(dataFolder, 'journal'))).mode & 0o777).toString(8)).toBe('700'),
      );
    },
  );

  it('serves the built renderer on app:// with the CSP header, and nothing else', async () => {
    const { electron } = await launch();
    const handler = electron.protocolHandlers.get('app');
    if (handler === undefined) throw new Error('no app:// handler');
    const page = await handler({ url: 'app://subrelay/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    // The media route is same-origin (app://subrelay/media), so this lets the page play it.
    expect(page.headers.get('Content-Security-Policy')).toContain("media-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    for (const url of ['app://evil/index.html', 'app://subrelay/..%2F..%2Fpackage.json', 'app://subrelay/missing.js']) {
      expect((await handler({ url })).status).toBe(404);
    }
  });
});

describe('IPC', () => {
  it('handles exactly one channel per contract operation, plus dropped files', async () => {
    const { electron } = await launch();
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(
      [...OPERATIONS.map((operation) => `subrelay:${operation}`), 'subrelay:dropped-files'].sort(),
    );
  });

  it.each(OPERATIONS)(
    '%s refuses another window, a subframe and another origin before reading the payload',
    async (operation) => {
      const { electron } = await launch();
      const window = mainWindow(electron);
      for (const event of [
        eventFrom(electron, { id: window.webContents.id + 1 }),
        eventFrom(electron, { subframe: true }),
        eventFrom(electron, { url: 'https://evil.example/' }),
        eventFrom(electron, { url: 'file:///etc/passwd' }),
      ]) {
        expect(await invoke(electron, `subrelay:${operation}`, { not: 'checked' }, event)).toEqual({
          ok: false,
          error: { code: 'forbidden', message: `${operation}: untrusted sender` },
        });
      }
    },
  );

  it('answers our own window', async () => {
    const { electron } = await launch();
    expect(await invoke(electron, 'subrelay:getEnvironment', {})).toMatchObject({
      ok: true,
      value: { mode: 'electron' },
    });
  });

  it('takes dropped files only from our window, only existing projects, and grants them', async () => {
    const { electron, home } = await launch();
    const project = await sampleProjectIn(home);
    await writeFile(join(home, 'notes.txt'), 'x');
    mainWindow(electron).webContents.emit('did-finish-load');
    await invoke(electron, 'subrelay:dropped-files', [project], eventFrom(electron, { url: 'https://evil.example/' }));
    expect(opensSent(electron)).toEqual([]);
    await invoke(electron, 'subrelay:dropped-files', [
      'relative.subrelay',
      join(home, 'notes.txt'),
      join(home, 'none.subrelay'),
      42,
    ]);
    expect(opensSent(electron)).toEqual([]);
    await invoke(electron, 'subrelay:dropped-files', [project]);
    expect(opensSent(electron)).toEqual([project]);
    expect(await invoke(electron, 'subrelay:openProject', { path: project })).toMatchObject({
      ok: true,
      value: { canceled: false, path: project },
    });
  });

  it('refuses a path nobody granted', async () => {
    const { electron, home } = await launch();
    const project = await sampleProjectIn(home);
    expect(await invoke(electron, 'subrelay:openProject', { path: project })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('one app per user', () => {
  it('a second instance quits before it opens a window or touches IPC', async () => {
    const { electron } = await launch({ singleInstanceLock: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.callsOf('app', 'quit')).toHaveLength(1);
    expect(electron.windows).toEqual([]);
    expect(electron.ipcHandlers.size).toBe(0);
  });

  it('the first instance opens the project a second launch was given, and comes to the front', async () => {
    const { electron, home } = await launch();
    const project = await sampleProjectIn(home);
    mainWindow(electron).webContents.emit('did-finish-load');
    electron.app.emit('second-instance', ['/opt/Subrelay/subrelay-app', '--flag', 'appeal.subrelay'], home);
    expect(opensSent(electron)).toEqual([project]);
    expect(electron.callsOf('BrowserWindow', 'focus').length).toBeGreaterThan(0);
  });
});

describe('the command line inside the package', () => {
  it('`<app> --cli validate FILE` runs the CLI in the main process: no window, no lock, the CLI’s exit code', async () => {
    const { electron } = await launch({ argv: ['--cli', 'validate', sampleFile], singleInstanceLock: false });
    await vi.waitFor(() => expect(electron.callsOf('app', 'exit')).toHaveLength(1), { timeout: 15_000 });
    expect(electron.callsOf('app', 'exit')[0]?.args).toEqual([0]);
    expect(electron.callsOf('app', 'requestSingleInstanceLock')).toEqual([]);
    expect(electron.windows).toEqual([]);
  });

  it('exits 1 on a damaged project', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'subrelay-cli-'));
    folders.push(folder);
    await writeFile(join(folder, 'bad.subrelay'), '{');
    const { electron } = await launch({
      argv: ['--cli', 'validate', join(folder, 'bad.subrelay')],
      singleInstanceLock: false,
    });
    await vi.waitFor(() => expect(electron.callsOf('app', 'exit')).toHaveLength(1), { timeout: 15_000 });
    expect(electron.callsOf('app', 'exit')[0]?.args).toEqual([1]);
  });
});

describe('opening projects from the OS', () => {
  it('a project on the command line is sent once the page has loaded, and may then be opened', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'subrelay-argv-'));
    folders.push(folder);
    const project = await sampleProjectIn(folder);
    const { electron } = await launch({ argv: ['.', project, join(folder, 'missing.subrelay')] });
    expect(opensSent(electron)).toEqual([]);
    mainWindow(electron).webContents.emit('did-finish-load');
    expect(opensSent(electron)).toEqual([project]);
    expect(await invoke(electron, 'subrelay:openProject', { path: project })).toMatchObject({ ok: true });
  });

  it('macOS open-file, before and after start-up', async () => {
    const { electron, home } = await launch({ platform: 'darwin' });
    const first = await sampleProjectIn(home, 'first.subrelay');
    const second = await sampleProjectIn(home, 'second.subrelay');
    expect(electron.app.emit('open-file', first)).toBe(true);
    mainWindow(electron).webContents.emit('did-finish-load');
    electron.app.emit('open-file', second);
    electron.app.emit('open-file', join(home, 'missing.subrelay'));
    expect(opensSent(electron)).toEqual([first, second]);
  });
});

describe('recent documents', () => {
  it('an opened project joins the OS list and Open Recent, is remembered 0600, and reopens from the menu', async () => {
    const { electron, home, dataFolder } = await launch();
    const project = await sampleProjectIn(home);
    electron.dialogAnswers.open = project;
    expect(await invoke(electron, 'subrelay:openProject', {})).toMatchObject({ ok: true, value: { path: project } });
    expect(electron.callsOf('app', 'addRecentDocument').map((call) => call.args[0])).toEqual([project]);
    const recent = itemsOf(itemsOf(menuById(electron, 'project')).find((item) => item['id'] === 'openRecent')!);
    expect(recent[0]).toMatchObject({ label: 'appeal.subrelay', toolTip: project });
    const stateFile = join(dataFolder, 'desktop-state.json');
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ recent: [project] }),
    );
    expect(((await stat(stateFile)).mode & 0o777).toString(8)).toBe('600');
    mainWindow(electron).webContents.emit('did-finish-load');
    (recent[0]!['click'] as () => void)();
    expect(opensSent(electron)).toEqual([project]);
  });

  it('a remembered recent project is granted in the next run; Clear Menu forgets them', async () => {
    const home = await mkdtemp(join(tmpdir(), 'subrelay-recent-'));
    folders.push(home);
    const project = await sampleProjectIn(home);
    const { electron } = await launch({ home, state: { recent: [project, 'relative/ignored.subrelay'] } });
    const openRecent = itemsOf(menuById(electron, 'project')).find((item) => item['id'] === 'openRecent')!;
    expect(
      itemsOf(openRecent)
        .map((item) => item['toolTip'])
        .filter(Boolean),
    ).toEqual([project]);
    expect(await invoke(electron, 'subrelay:openProject', { path: project })).toMatchObject({ ok: true });
    (itemsOf(openRecent).find((item) => item['id'] === 'clearRecent')!['click'] as () => void)();
    expect(electron.callsOf('app', 'clearRecentDocuments')).toHaveLength(1);
    const cleared = itemsOf(menuById(electron, 'project')).find((item) => item['id'] === 'openRecent')!;
    expect(itemsOf(cleared).map((item) => item['id'])).toEqual(['clearRecent']);
  });
});

describe('media on the desktop', () => {
  /** 1000 bytes, 0..255 repeating: a stand-in video whose ranges are easy to check. */
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 256));

  async function mediaFiles(home: string) {
    await mkdir(join(home, 'project'), { recursive: true });
    await mkdir(join(home, 'elsewhere'), { recursive: true });
    const project = await sampleProjectIn(join(home, 'project'));
    const beside = join(home, 'project', 'appeal.mp4');
    const chosen = join(home, 'elsewhere', 'chosen.webm');
    const other = join(home, 'elsewhere', 'other.mp4');
    for (const file of [beside, chosen, other]) await writeFile(file, bytes);
    await writeFile(join(home, 'elsewhere', 'notes.txt'), 'not media');
    return { project, beside, chosen, other };
  }

  function appHandler(electron: RecordingElectron) {
    const handler = electron.protocolHandlers.get('app');
    if (handler === undefined) throw new Error('no app:// handler');
    return (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
      handler(new Request(url, init));
  }

  it('Attach asks with a dialog for the video and audio Chromium plays, and grants the file chosen', async () => {
    const { electron, home } = await launch();
    const { chosen } = await mediaFiles(home);
    expect(await invoke(electron, 'subrelay:attachMedia', { projectPath: null })).toEqual({
      ok: true,
      value: { canceled: true },
    });
    electron.dialogAnswers.open = chosen;
    expect(await invoke(electron, 'subrelay:attachMedia', { projectPath: null })).toMatchObject({
      ok: true,
      value: { found: true, path: chosen, reference: chosen, sizeBytes: 1000 },
    });
    const [, options] = electron.callsOf('dialog', 'showOpenDialog').at(-1)?.args ?? [];
    const { filters, properties } = options as {
      filters: { name: string; extensions: string[] }[];
      properties: string[];
    };
    expect(properties).toEqual(['openFile']);
    expect(filters).toHaveLength(1);
    expect(filters[0]?.name).toBe('Video and audio');
    for (const extension of [
      'mp4',
      'm4v',
      'webm',
      'mkv',
      'mov',
      'mp3',
      'm4a',
      'aac',
      'wav',
      'ogg',
      'oga',
      'opus',
      'flac',
    ]) {
      expect(filters[0]?.extensions).toContain(extension);
    }
    expect(await invoke(electron, 'subrelay:checkMedia', { projectPath: null, media: chosen })).toMatchObject({
      ok: true,
      value: { found: true },
    });
  });

  it('mediaUrl gives app://subrelay/media, which serves ranges (206), the whole file, HEAD and 416', async () => {
    const { electron, home } = await launch();
    const { chosen } = await mediaFiles(home);
    electron.dialogAnswers.open = chosen;
    await invoke(electron, 'subrelay:attachMedia', { projectPath: null });
    const answer = (await invoke(electron, 'subrelay:mediaUrl', { projectPath: null, media: chosen })) as {
      ok: true;
      value: { url: string };
    };
    expect(answer.value.url).toBe(`app://subrelay/media?${new URLSearchParams({ media: chosen }).toString()}`);
    const serve = appHandler(electron);
    const part = await serve(answer.value.url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('Content-Length')).toBe('100');
    expect(part.headers.get('Content-Type')).toBe('video/webm');
    expect(part.headers.get('Accept-Ranges')).toBe('bytes');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await serve(answer.value.url, { headers: { range: 'bytes=990-' } });
    expect(tail.headers.get('Content-Range')).toBe('bytes 990-999/1000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(990))).toBe(true);
    const whole = await serve(answer.value.url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const head = await serve(answer.value.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).toBe('1000');
    const past = await serve(answer.value.url, { headers: { range: 'bytes=5000-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('Content-Range')).toBe('bytes */1000');
    expect((await serve(answer.value.url, { method: 'POST' })).status).toBe(405);
  });

  it('app://subrelay/media serves only media the user chose, dropped or keeps beside a project they opened', async () => {
    const { electron, home } = await launch();
    const { project, beside, other } = await mediaFiles(home);
    const serve = appHandler(electron);
    const url = (media: string, projectPath?: string) =>
      `app://subrelay/media?${new URLSearchParams({ ...(projectPath === undefined ? {} : { project: projectPath }), media }).toString()}`;
    // Nothing granted yet: neither the file beside the project nor one elsewhere.
    expect((await serve(url('appeal.mp4', project))).status).toBe(403);
    expect((await serve(url(other))).status).toBe(403);
    expect(await invoke(electron, 'subrelay:mediaUrl', { projectPath: null, media: other })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    electron.dialogAnswers.open = project;
    expect(await invoke(electron, 'subrelay:openProject', {})).toMatchObject({ ok: true });
    // The project's own media, by its stored relative path; still nothing elsewhere, nor a path to a non-media file.
    expect((await serve(url('appeal.mp4', project))).status).toBe(200);
    expect((await serve(url(beside))).status).toBe(403);
    expect((await serve(url('../elsewhere/other.mp4', project))).status).toBe(403);
    expect((await serve(url('../elsewhere/notes.txt', project))).status).toBe(404);
    expect((await serve(url('gone.mp4', project))).status).toBe(404);
    expect(await invoke(electron, 'subrelay:mediaUrl', { projectPath: project, media: 'gone.mp4' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    // Another host, or the route's path under another name, is not the media route.
    expect((await serve(url('appeal.mp4', project).replace('//subrelay/', '//evil/'))).status).toBe(404);
  });

  it('a dropped video or audio file is granted and handed back for the page to attach; other files are not', async () => {
    const { electron, home } = await launch();
    const { chosen, other } = await mediaFiles(home);
    expect(
      await invoke(electron, 'subrelay:dropped-files', [chosen], eventFrom(electron, { url: 'https://evil.example/' })),
    ).toEqual({ media: [] });
    expect(
      await invoke(electron, 'subrelay:dropped-files', [
        join(home, 'elsewhere', 'notes.txt'),
        join(home, 'elsewhere', 'gone.mp4'),
        'relative.mp4',
        chosen,
        42,
      ]),
    ).toEqual({ media: [chosen] });
    expect(await invoke(electron, 'subrelay:attachMedia', { projectPath: null, media: chosen })).toMatchObject({
      ok: true,
      value: { found: true, path: chosen },
    });
    expect(await invoke(electron, 'subrelay:attachMedia', { projectPath: null, media: other })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('the application menu', () => {
  it('on macOS: the app menu, then ours, a Window menu with Cmd+M and Cmd+W, and Help', async () => {
    const { electron } = await launch({ platform: 'darwin' });
    const menus = topMenus(electron);
    expect(menus.map((menu) => menu['id'])).toEqual([
      'app',
      'project',
      'edit',
      'segment',
      'align',
      'media',
      'go',
      'window',
      'help',
    ]);
    expect(
      itemsOf(menus[0]!)
        .map((item) => item['role'])
        .filter(Boolean),
    ).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    const window = itemsOf(menuById(electron, 'window'));
    expect(window).toContainEqual(expect.objectContaining({ role: 'minimize', accelerator: 'Cmd+M' }));
    // Close Window's shortcut is CmdOrCtrl+W in the desktop command list: Cmd+W here.
    expect(window).toContainEqual(expect.objectContaining({ role: 'close', accelerator: 'CmdOrCtrl+W' }));
    expect(
      itemsOf(menuById(electron, 'project'))
        .map((item) => item['role'])
        .filter(Boolean),
    ).toEqual([]);
    expect(
      itemsOf(menuById(electron, 'edit'))
        .map((item) => item['role'])
        .filter(Boolean),
    ).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it.each(['linux', 'win32'] as const)(
    'on %s: Project ends with Close Window and Quit; no app or Window menu',
    async (platform) => {
      const { electron } = await launch({ platform });
      expect(topMenus(electron).map((menu) => menu['id'])).toEqual([
        'project',
        'edit',
        'segment',
        'align',
        'media',
        'go',
        'help',
      ]);
      const project = itemsOf(menuById(electron, 'project'));
      expect(project.slice(-2).map((item) => item['role'])).toEqual(['close', 'quit']);
      expect(itemsOf(menuById(electron, 'help')).map((item) => item['id'])).toEqual([
        'about',
        'styleGuide',
        'keyboardShortcuts',
      ]);
    },
  );

  it.each(['darwin', 'linux', 'win32'] as const)(
    'on %s: every item that is not one of the page’s commands is one of the desktop commands',
    async (platform) => {
      const { electron } = await launch({ platform, state: { recent: ['/nowhere/a.subrelay'] } });
      const all = (items: Item[]): Item[] => items.flatMap((item) => [item, ...all(item.submenu ?? [])]);
      const items = all(topMenus(electron).flatMap(itemsOf)).filter(
        (item) => item['type'] !== 'separator' && item['submenu'] === undefined,
      );
      const desktop = items.filter((item) => !COMMANDS.some((command) => command.id === item['id']));
      expect(desktop.length).toBeGreaterThan(5);
      expect(desktop.filter((item) => !DESKTOP_COMMANDS.some((command) => command.id === item['id']))).toEqual([]);
      // Each recent entry is the one Open Recent command with the entry as its argument.
      expect(desktop.filter((item) => item['id'] === 'openRecent').map((item) => item['toolTip'])).toEqual([
        '/nowhere/a.subrelay',
      ]);
    },
  );

  it('Open Recent and Clear Menu do nothing behind a dialog; About on Linux opens the About box', async () => {
    const home = await mkdtemp(join(tmpdir(), 'subrelay-recent-'));
    folders.push(home);
    const project = await sampleProjectIn(home);
    const { electron } = await launch({ home, state: { recent: [project] } });
    mainWindow(electron).webContents.emit('did-finish-load');
    await invoke(electron, 'subrelay:setCommandStates', { enabled: {}, modal: true });
    const recent = (): Item[] =>
      itemsOf(itemsOf(menuById(electron, 'project')).find((item) => item['id'] === 'openRecent')!);
    expect(recent().map((item) => item['enabled'])).toEqual([false, undefined, false]);
    (recent()[0]!['click'] as () => void)();
    expect(opensSent(electron)).toEqual([]);
    await invoke(electron, 'subrelay:setCommandStates', { enabled: {}, modal: false });
    expect(recent()[0]!['enabled']).toBe(true);
    (recent()[0]!['click'] as () => void)();
    expect(opensSent(electron)).toEqual([project]);
    (itemsOf(menuById(electron, 'help')).find((item) => item['id'] === 'about')!['click'] as () => void)();
    expect(electron.callsOf('dialog', 'showMessageBox')).toHaveLength(1);
  });

  it('lists every command once, with its shortcut shown but not registered, sending it to the page', async () => {
    const { electron } = await launch();
    const items = topMenus(electron)
      .flatMap(itemsOf)
      .filter((item) => COMMANDS.some((command) => command.id === item['id']));
    expect(items.map((item) => item['id']).sort()).toEqual(COMMANDS.map((command) => command.id).sort());
    const save = items.find((item) => item['id'] === 'save')!;
    expect(save).toMatchObject({ accelerator: 'CmdOrCtrl+S', registerAccelerator: false, enabled: true });
    (save['click'] as () => void)();
    expect(mainWindow(electron).webContents.sent).toContainEqual({ channel: 'subrelay:command', args: ['save'] });
  });

  it('follows setCommandStates: disabled commands, and none at all behind a dialog', async () => {
    const { electron } = await launch();
    expect(await invoke(electron, 'subrelay:setCommandStates', { enabled: { save: false }, modal: false })).toEqual({
      ok: true,
      value: {},
    });
    const enabled = (): Record<string, unknown> =>
      Object.fromEntries(
        topMenus(electron)
          .flatMap(itemsOf)
          .filter((item) => COMMANDS.some((command) => command.id === item['id']))
          .map((item): [string, unknown] => [String(item['id']), item['enabled']]),
      );
    expect(enabled()).toMatchObject({ save: false, open: true, undo: true });
    await invoke(electron, 'subrelay:setCommandStates', { enabled: {}, modal: true });
    expect(Object.values(enabled()).every((value) => value === false)).toBe(true);
    expect(Object.keys(enabled())).toHaveLength(COMMANDS.length);
    expect(await invoke(electron, 'subrelay:setCommandStates', { enabled: 'all', modal: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('speaks the interface language', async () => {
    const { electron } = await launch();
    await invoke(electron, 'subrelay:setInterfaceLanguage', { language: 'uk' });
    expect(menuById(electron, 'project')['label']).toBe('Проєкт');
  });
});

describe('spell checking per column', () => {
  /** What the spell checker was told, in order: the languages, or `off`/`on`. */
  function spellCalls(electron: RecordingElectron): unknown[] {
    return electron.calls
      .filter((call) => call.target === 'session' && /^setSpellChecker(Languages|Enabled)$/u.test(call.method))
      .map((call) =>
        call.method === 'setSpellCheckerEnabled' ? (call.args[0] === true ? 'on' : 'off') : call.args[0],
      );
  }

  it('checks only the language of the column the caret is in, none in Korean, all outside the grid', async () => {
    const { electron } = await launch();
    expect(spellCalls(electron)).toEqual(['on', ['en-US', 'uk', 'ru']]);
    for (const language of ['uk', 'uk', 'ko', 'ru', 'en', null]) {
      expect(await invoke(electron, 'subrelay:setFocusedLanguage', { language })).toEqual({ ok: true, value: {} });
    }
    expect(spellCalls(electron)).toEqual([
      'on',
      ['en-US', 'uk', 'ru'],
      'on',
      ['uk'],
      // Chromium has no Korean dictionary, and an empty list would mean English: off.
      'off',
      'on',
      ['ru'],
      'on',
      ['en-US'],
      'on',
      ['en-US', 'uk', 'ru'],
    ]);
  });

  it('refuses a language that is not one of ours, and a page that is not ours', async () => {
    const { electron } = await launch();
    const before = spellCalls(electron).length;
    expect(await invoke(electron, 'subrelay:setFocusedLanguage', { language: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(
      await invoke(electron, 'subrelay:setFocusedLanguage', { language: 'uk' }, eventFrom(electron, { id: 999 })),
    ).toMatchObject({ ok: false });
    expect(spellCalls(electron)).toHaveLength(before);
  });

  it('leaves macOS to its own spell checker', async () => {
    const { electron } = await launch({ platform: 'darwin' });
    await invoke(electron, 'subrelay:setFocusedLanguage', { language: 'uk' });
    expect(spellCalls(electron)).toEqual([]);
  });
});

describe('the window', () => {
  it('reopens where it was closed, maximized if it was', async () => {
    const state = { recent: [], window: { x: 120, y: 80, width: 1000, height: 700, maximized: true } };
    const { electron, dataFolder } = await launch({ state });
    const window = mainWindow(electron);
    expect(window.options).toMatchObject({ x: 120, y: 80, width: 1000, height: 700 });
    expect(electron.callsOf('BrowserWindow', 'maximize')).toHaveLength(1);
    window.bounds = { x: 10, y: 20, width: 1200, height: 800 };
    window.maximized = false;
    window.emit('close');
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(join(dataFolder, 'desktop-state.json'), 'utf8'))).toMatchObject({
        window: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
      }),
    );
  });

  it('opens at the default place when the remembered place is on a screen that is gone', async () => {
    const state = { recent: [], window: { x: 3000, y: 80, width: 1000, height: 700, maximized: false } };
    const { electron } = await launch({ state });
    expect(mainWindow(electron).options).toMatchObject({ width: 1400, height: 900 });
    expect(mainWindow(electron).options).not.toHaveProperty('x');
  });

  it('reloads a crashed page three times a minute at most, then says so', async () => {
    const { electron } = await launch();
    const contents = mainWindow(electron).webContents;
    contents.emit('render-process-gone', { reason: 'clean-exit' });
    expect(contents.reloads).toBe(0);
    for (let crash = 0; crash < 5; crash++) contents.emit('render-process-gone', { reason: 'crashed' });
    expect(contents.reloads).toBe(3);
    expect(electron.callsOf('dialog', 'showMessageBox')).toHaveLength(2);
  });

  it('offers spelling suggestions and the clipboard on right-click', async () => {
    const { electron } = await launch();
    const contents = mainWindow(electron).webContents;
    contents.emit('context-menu', {
      isEditable: true,
      misspelledWord: 'recieve',
      dictionarySuggestions: ['receive'],
      selectionText: '',
      editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
    });
    const menu = electron.menus.at(-1)!;
    expect(menu.popups).toHaveLength(1);
    const items = menu.template as Item[];
    expect(items.map((item) => item['label'] ?? item['type'])).toEqual([
      'receive',
      'separator',
      'Add to Dictionary',
      'separator',
      'Cut',
      'Copy',
      'Paste',
      'separator',
      'Select all',
    ]);
    (items[0]!['click'] as () => void)();
    (items[2]!['click'] as () => void)();
    expect(electron.callsOf(`webContents#${contents.id}`, 'replaceMisspelling')[0]?.args).toEqual(['receive']);
    expect(electron.callsOf('session', 'addWordToSpellCheckerDictionary')[0]?.args).toEqual(['recieve']);
  });

  it('remembers the export folder for the next dialog and the next run', async () => {
    const { electron, home, dataFolder } = await launch();
    const exports = join(home, 'deliveries');
    await mkdir(exports);
    electron.dialogAnswers.open = exports;
    expect(await invoke(electron, 'subrelay:chooseExportFolder', {})).toMatchObject({
      ok: true,
      value: { folder: exports },
    });
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(join(dataFolder, 'desktop-state.json'), 'utf8'))).toMatchObject({
        exportFolder: exports,
      }),
    );
    await invoke(electron, 'subrelay:chooseExportFolder', {});
    expect(electron.callsOf('dialog', 'showOpenDialog').at(-1)?.args.at(-1)).toMatchObject({ defaultPath: exports });
  });
});
