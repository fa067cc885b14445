import { app, BrowserWindow, dialog, Menu, nativeTheme, net, protocol, screen, session, shell } from 'electron';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandId } from '../src/commands/commands';
import { assertNever, type Language } from '../src/languages';
import { isAppMediaRequest, serveAppMedia, serveAppRequest } from './appProtocol';
import {
  projectArguments,
  readDesktopState,
  restoredBounds,
  withRecent,
  writeDesktopState,
  type DesktopState,
} from './desktopState';
import { ensurePrivateFolder } from './handlers/files';
import { createHandlers, type Handlers } from './handlers/handlers';
import { isMediaPath, MEDIA_TYPES } from './handlers/media';
import { spellCheckerLanguagesFor } from './handlers/spellCheck';
import { registerDroppedFiles, registerIpcHandlers } from './ipc';
import { buildApplicationMenu, menuLabel, type CommandStates } from './menu';
import { appDataFolder, rendererBuildFolder, samplesFolder } from './paths';
import { version } from './version';
import {
  APP_ORIGIN,
  COMMAND_CHANNEL,
  contextMenuTemplate,
  createMainWindow,
  EXTERNAL_URLS,
  OPEN_FILE_CHANNEL,
} from './window';

protocol.registerSchemesAsPrivileged([
  // stream: the media route (app://subrelay/media) answers range requests, so video can seek.
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

/** A window that crashes this many times within CRASH_WINDOW_MS is not reloaded again. */
const MAX_CRASH_RELOADS = 3;
const CRASH_WINDOW_MS = 60_000;

/**
 * Serves the built renderer on app://subrelay/ with the CSP sent as a header, and media on app://subrelay/media.
 *
 * `handlers` is undefined only before start-up made them, when no page can ask yet.
 */
function registerAppProtocol(handlers: () => Handlers | undefined): void {
  const root = rendererBuildFolder();
  protocol.handle('app', async (request) => {
    if (isAppMediaRequest(request.url)) {
      const ready = handlers();
      return ready === undefined ? new Response('Not found', { status: 404 }) : serveAppMedia(ready, request);
    }
    return serveAppRequest(request.url, root, (fileUrl) => net.fetch(fileUrl));
  });
}

/** The video and audio files Subrelay plays, by extension, for the open dialog's filter. */
const MEDIA_EXTENSIONS = Object.keys(MEDIA_TYPES).map((extension) => extension.slice(1));

/** An existing video or audio file at an absolute path, or undefined. */
function existingMedia(path: string): string | undefined {
  if (!isMediaPath(path)) return undefined;
  try {
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** An existing project file at `path` (resolved against `cwd`), or undefined. */
function existingProject(path: string, cwd: string): string | undefined {
  const absolute = resolve(cwd, path);
  if (!/\.subrelay$/iu.test(absolute)) return undefined;
  try {
    return statSync(absolute).isFile() ? absolute : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The desktop app: one window per run (a second launch hands its files to the first).
 *
 * The data folder is the same `Subrelay` folder the web mode uses
 * (`appDataFolder`), whatever the package's name.
 */
function run(): void {
  /** Projects the OS asked to open before the window could take them. */
  const pendingOpens: string[] = [];
  /** Paths main granted itself: opened from the OS, dropped, recent, the remembered export folder. */
  const osGranted = new Set<string>();
  let current: BrowserWindow | undefined;
  let loaded = false;
  /** The last write of the remembered state; quitting waits for it. */
  let saving = Promise.resolve();
  let flushed = false;
  app.on('will-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void saving.finally(() => {
      flushed = true;
      app.quit();
    });
  });

  const sendOpenFile = (path: string): void => {
    osGranted.add(path);
    if (current !== undefined && !current.isDestroyed() && loaded) {
      if (current.isMinimized()) current.restore();
      current.focus();
      current.webContents.send(OPEN_FILE_CHANNEL, path);
    } else {
      pendingOpens.push(path);
    }
  };

  // macOS: a double-clicked project, a file dropped on the Dock icon, a recent document. Can come before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    const project = existingProject(path, process.cwd());
    if (project !== undefined) sendOpenFile(project);
  });

  // Windows and Linux: a second launch (double-click, `subrelay-app file.subrelay`) passes its files here.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const argument of projectArguments(argv)) {
      const project = existingProject(argument, workingDirectory);
      if (project !== undefined) sendOpenFile(project);
    }
    if (current !== undefined && !current.isDestroyed()) {
      if (current.isMinimized()) current.restore();
      current.focus();
    }
  });

  for (const argument of projectArguments(process.argv)) {
    const project = existingProject(argument, process.cwd());
    if (project !== undefined) {
      osGranted.add(project);
      pendingOpens.push(project);
    }
  }

  async function start(): Promise<void> {
    await app.whenReady();
    const made: { handlers?: Handlers } = {};
    registerAppProtocol(() => made.handlers);
    session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    // macOS checks spelling with the system's languages (the calls are no-ops there); elsewhere Chromium's
    // dictionaries for ours: all of them at first, then the one of the column the caret is in.
    let spellChecking = '';
    const checkSpellingIn = (focused: Language | null): void => {
      if (process.platform === 'darwin') return;
      const languages = spellCheckerLanguagesFor(focused, session.defaultSession.availableSpellCheckerLanguages);
      const key = JSON.stringify(languages);
      if (key === spellChecking) return;
      spellChecking = key;
      // An empty list would mean English to Chromium: no dictionary (Korean) means no checking.
      session.defaultSession.setSpellCheckerEnabled(languages.length > 0);
      if (languages.length > 0) session.defaultSession.setSpellCheckerLanguages(languages);
    };
    checkSpellingIn(null);

    const dataFolder = app.getPath('userData');
    const journalFolder = join(dataFolder, 'journal');
    await ensurePrivateFolder(dataFolder);
    await ensurePrivateFolder(journalFolder);
    const stateFile = join(dataFolder, 'desktop-state.json');
    let state: DesktopState = await readDesktopState(stateFile);
    const saveState = (next: DesktopState): void => {
      state = next;
      saving = saving.then(() => writeDesktopState(stateFile, state)).catch(() => undefined);
    };
    for (const path of state.recent) osGranted.add(path);
    if (state.exportFolder !== undefined) osGranted.add(state.exportFolder);

    const trusted = new Set<number>();
    let language: Language = 'en';
    let commandStates: CommandStates | undefined;

    const sendCommand = (command: CommandId): void => {
      current?.webContents.send(COMMAND_CHANNEL, command);
    };
    const showAbout = (): void => {
      const options = {
        type: 'info' as const,
        title: menuLabel(language, 'desktop.about'),
        message: 'Subrelay',
        detail: menuLabel(language, 'desktop.aboutDetail', { version }),
      };
      void (current !== undefined ? dialog.showMessageBox(current, options) : dialog.showMessageBox(options));
    };
    const refreshMenu = (): void => {
      Menu.setApplicationMenu(
        buildApplicationMenu({
          language,
          platform: process.platform,
          send: sendCommand,
          states: commandStates,
          recent: state.recent,
          perform: (action) => {
            switch (action.kind) {
              case 'openFile':
                sendOpenFile(action.path);
                return;
              case 'clearRecent':
                app.clearRecentDocuments();
                saveState({ ...state, recent: [] });
                refreshMenu();
                return;
              case 'about':
                showAbout();
                return;
              case 'styleGuide': {
                const [guide] = [...EXTERNAL_URLS];
                if (guide !== undefined) void shell.openExternal(guide); // eng-disable OPEN_EXTERNAL_JS_CHECK: a fixed URL from EXTERNAL_URLS
                return;
              }
              case 'role':
              case 'none':
                // Roles are the menu items' own (the OS carries them out); `none` did not apply.
                return;
              default:
                assertNever(action, 'Unknown desktop action');
            }
          },
        }),
      );
    };
    const remember = (path: string): void => {
      app.addRecentDocument(path);
      osGranted.add(path);
      saveState({ ...state, recent: withRecent(state.recent, path) });
      refreshMenu();
    };
    refreshMenu();
    app.setAboutPanelOptions({ applicationName: 'Subrelay', applicationVersion: version });

    const dialogParent = (): BrowserWindow | undefined => (current?.isDestroyed() === false ? current : undefined);
    const projectFilters = (): Electron.FileFilter[] => [
      { name: menuLabel(language, 'desktop.projectFiles'), extensions: ['subrelay'] },
    ];
    const base = createHandlers({
      mode: 'electron',
      version,
      samplesFolder: samplesFolder(),
      defaultExportFolder: state.exportFolder ?? join(homedir(), 'Subrelay', 'exports'),
      journalFolder,
      isGrantedPath: (path) => osGranted.has(path),
      setInterfaceLanguage: (chosen) => {
        language = chosen;
        refreshMenu();
      },
      setCommandStates: (states, { senderId }) => {
        if (current === undefined || current.webContents.id !== senderId) return;
        const next = { enabled: { ...states.enabled }, modal: states.modal };
        if (JSON.stringify(next) === JSON.stringify(commandStates)) return;
        commandStates = next;
        refreshMenu();
      },
      setFocusedLanguage: (focused, { senderId }) => {
        if (current !== undefined && current.webContents.id === senderId) checkSpellingIn(focused);
      },
      closeWindow: ({ senderId }) => {
        // The renderer has already asked the user; destroy() skips beforeunload.
        BrowserWindow.getAllWindows()
          .find((window) => window.webContents.id === senderId)
          ?.destroy();
      },
      askOpenPath: async () => {
        const options = { properties: ['openFile' as const], filters: projectFilters() };
        const window = dialogParent();
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? undefined : result.filePaths[0];
      },
      askSavePath: async (suggestedName) => {
        const options = { defaultPath: suggestedName, filters: projectFilters() };
        const window = dialogParent();
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled ? undefined : result.filePath;
      },
      askMediaPath: async () => {
        const options = {
          properties: ['openFile' as const],
          filters: [{ name: menuLabel(language, 'desktop.mediaFiles'), extensions: MEDIA_EXTENSIONS }],
        };
        const window = dialogParent();
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? undefined : result.filePaths[0];
      },
      mediaUrl: (query) => `${APP_ORIGIN}/media?${query}`,
      askExportFolder: async () => {
        const options = {
          properties: ['openDirectory' as const, 'createDirectory' as const],
          ...(state.exportFolder !== undefined ? { defaultPath: state.exportFolder } : {}),
        };
        const window = dialogParent();
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        const folder = result.canceled ? undefined : result.filePaths[0];
        if (folder !== undefined) saveState({ ...state, exportFolder: resolve(folder) });
        return folder;
      },
    });
    // Projects opened or saved join the recent documents (the OS's list and the Open Recent menu).
    const handlers: Handlers = {
      ...base,
      openProject: async (request, context) => {
        const result = await base.openProject(request, context);
        if (!result.canceled && 'project' in result && result.path !== null) remember(result.path);
        return result;
      },
      saveProject: async (request, context) => {
        const result = await base.saveProject(request, context);
        if (!result.canceled) remember(result.path);
        return result;
      },
    };
    made.handlers = handlers;
    registerIpcHandlers(handlers, trusted);

    // A dropped project opens; dropped media is granted and goes back to the page, which attaches it.
    registerDroppedFiles(trusted, (path) => {
      const project = existingProject(path, '/');
      if (project !== undefined) {
        sendOpenFile(project);
        return 'project';
      }
      const media = existingMedia(path);
      if (media === undefined) return undefined;
      osGranted.add(media);
      return 'media';
    });

    const openWindow = (): void => {
      const bounds = restoredBounds(
        state.window,
        screen.getAllDisplays().map((display) => display.workArea),
      );
      const window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'), {
        bounds,
        dark: nativeTheme.shouldUseDarkColors,
      });
      if (bounds?.maximized === true) window.maximize();
      trusted.add(window.webContents.id);
      current = window;
      loaded = false;
      const crashes: number[] = [];
      window.on('close', () => {
        const normal = window.getNormalBounds();
        saveState({ ...state, window: { ...normal, maximized: window.isMaximized() } });
      });
      window.on('closed', () => {
        if (current === window) current = undefined;
      });
      window.on('focus', () => {
        current = window;
      });
      window.webContents.on('did-finish-load', () => {
        if (current !== window) return;
        loaded = true;
        // The preload keeps these until the page listens (onOpenFile).
        for (const path of pendingOpens.splice(0)) window.webContents.send(OPEN_FILE_CHANNEL, path);
      });
      window.webContents.on('context-menu', (_event, params) => {
        const template = contextMenuTemplate(params, language, {
          replaceMisspelling: (word) => window.webContents.replaceMisspelling(word),
          addToDictionary: (word) => window.webContents.session.addWordToSpellCheckerDictionary(word),
        });
        if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
      });
      // A crashed page reloads and finds its journal; one that keeps crashing is left alone.
      window.webContents.on('render-process-gone', (_event, details) => {
        if (details.reason === 'clean-exit' || window.isDestroyed()) return;
        const now = Date.now();
        crashes.push(now);
        while (crashes.length > 0 && now - (crashes[0] ?? now) > CRASH_WINDOW_MS) crashes.shift();
        if (crashes.length > MAX_CRASH_RELOADS) {
          void dialog.showMessageBox(window, {
            type: 'error',
            message: menuLabel(language, 'desktop.crashedTitle'),
            detail: menuLabel(language, 'desktop.crashedDetail'),
          });
          return;
        }
        loaded = false;
        window.webContents.reload();
      });
      void window.loadURL(`${APP_ORIGIN}/index.html`);
    };
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  }

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  start().catch((error: unknown) => {
    console.error('Subrelay failed to start:', error);
    app.exit(1);
  });
}

/**
 * The `subrelay` command line inside an installed app: `<app binary> --cli export …`.
 *
 * A packaged app has no Node.js of its own (the RunAsNode fuse is off), so
 * its binary runs the CLI in the main process, opens no window and exits
 * with the CLI's code. The package's `resources/cli/subrelay` calls this.
 */
async function runPackagedCli(argv: ReadonlyArray<string>): Promise<void> {
  const { runCli } = await import('./cli/index');
  const code = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  app.exit(code);
}

const cliAt = process.argv.indexOf('--cli');
if (cliAt !== -1) {
  void runPackagedCli(process.argv.slice(cliAt + 1)).catch((error: unknown) => {
    process.stderr.write(`subrelay: ${error instanceof Error ? error.message : String(error)}\n`);
    app.exit(1);
  });
} else {
  // The same data folder as the web mode (`Subrelay`), set before anything reads it.
  app.setPath('userData', appDataFolder());
  // One app per user: a second launch hands its files to the first and quits, so two runs never
  // share (and offer each other as crash leftovers) the journals of unsaved work.
  if (app.requestSingleInstanceLock()) run();
  else app.quit();
}
