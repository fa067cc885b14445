import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/*
 * A recording test double of the `electron` module, for the desktop smoke test.
 *
 * It is not Electron: it implements just the calls Subrelay's main process
 * makes, records every one of them, and lets a test play the OS and the page
 * (emit app and window events, answer dialogs, call IPC channels as some
 * sender). Electron's binary cannot be downloaded where these tests run, so
 * the built main process (`out/main/index.js`) is loaded in Node against this.
 */

type Listener = (...args: never[]) => unknown;

/** One recorded call: which object, which method, with what. */
export interface RecordedCall {
  readonly target: string;
  readonly method: string;
  readonly args: ReadonlyArray<unknown>;
}

class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper = ((...args: never[]) => {
      this.removeListener(event, wrapper);
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((existing) => existing !== listener),
    );
    return this;
  }

  /** Fires `event` as Electron would; returns whether a listener called `preventDefault`. */
  emit(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const electronEvent = {
      preventDefault: () => {
        prevented = true;
      },
    };
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      (listener as (...all: unknown[]) => unknown)(electronEvent, ...args);
    }
    return prevented;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface RecordingElectronOptions {
  /** What `app.requestSingleInstanceLock()` answers: false plays a second instance. */
  readonly singleInstanceLock?: boolean;
  /** The displays' work areas `screen.getAllDisplays()` reports. */
  readonly workAreas?: ReadonlyArray<{ x: number; y: number; width: number; height: number }>;
  readonly dark?: boolean;
}

/** A menu as `Menu.buildFromTemplate` got it. */
export interface RecordedMenu {
  readonly template: ReadonlyArray<Record<string, unknown>>;
  readonly popups: unknown[];
}

/** Creates a fresh double; pass `double.module` to `vi.doMock('electron', …)`. */
export function createRecordingElectron(options: RecordingElectronOptions = {}) {
  const calls: RecordedCall[] = [];
  const record = (target: string, method: string, args: ReadonlyArray<unknown>): void => {
    calls.push({ target, method, args });
  };
  const paths = new Map<string, string>();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  class RecordingApp extends Emitter {
    readonly quitCalls: number[] = [];
    setPath(name: string, path: string): void {
      record('app', 'setPath', [name, path]);
      paths.set(name, path);
    }
    getPath(name: string): string {
      const path = paths.get(name);
      if (path === undefined) throw new Error(`recording electron: app.getPath('${name}') before setPath`);
      return path;
    }
    requestSingleInstanceLock(): boolean {
      record('app', 'requestSingleInstanceLock', []);
      return options.singleInstanceLock ?? true;
    }
    whenReady(): Promise<void> {
      record('app', 'whenReady', []);
      return ready;
    }
    quit(): void {
      record('app', 'quit', []);
    }
    exit(code?: number): void {
      record('app', 'exit', [code]);
    }
    addRecentDocument(path: string): void {
      record('app', 'addRecentDocument', [path]);
    }
    clearRecentDocuments(): void {
      record('app', 'clearRecentDocuments', []);
    }
    setAboutPanelOptions(panel: unknown): void {
      record('app', 'setAboutPanelOptions', [panel]);
    }
  }
  const app = new RecordingApp();

  let nextId = 100;
  const windows: RecordingBrowserWindow[] = [];

  class RecordingWebContents extends Emitter {
    readonly id = nextId++;
    readonly sent: { channel: string; args: unknown[] }[] = [];
    reloads = 0;
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
    readonly session = {
      addWordToSpellCheckerDictionary: (word: string) => record('session', 'addWordToSpellCheckerDictionary', [word]),
    };
    send(channel: string, ...args: unknown[]): void {
      record(`webContents#${this.id}`, 'send', [channel, ...args]);
      this.sent.push({ channel, args });
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
      this.windowOpenHandler = handler;
    }
    reload(): void {
      record(`webContents#${this.id}`, 'reload', []);
      this.reloads++;
    }
    replaceMisspelling(word: string): void {
      record(`webContents#${this.id}`, 'replaceMisspelling', [word]);
    }
  }

  class RecordingBrowserWindow extends Emitter {
    static getAllWindows(): RecordingBrowserWindow[] {
      return windows.filter((window) => !window.destroyed);
    }
    readonly webContents = new RecordingWebContents();
    destroyed = false;
    maximized = false;
    minimized = false;
    shown = false;
    loadedUrl: string | undefined;
    bounds: { x: number; y: number; width: number; height: number };
    constructor(readonly options: Record<string, unknown>) {
      super();
      record('BrowserWindow', 'constructor', [options]);
      windows.push(this);
      this.bounds = {
        x: typeof options['x'] === 'number' ? options['x'] : 0,
        y: typeof options['y'] === 'number' ? options['y'] : 0,
        width: options['width'] as number,
        height: options['height'] as number,
      };
    }
    loadURL(url: string): Promise<void> {
      record('BrowserWindow', 'loadURL', [url]);
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    maximize(): void {
      record('BrowserWindow', 'maximize', []);
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    focus(): void {
      record('BrowserWindow', 'focus', []);
    }
    getNormalBounds(): { x: number; y: number; width: number; height: number } {
      return { ...this.bounds };
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }

  /** What `dialog.show*` answers next; a test sets these. */
  const dialogAnswers = {
    open: undefined as string | undefined,
    save: undefined as string | undefined,
  };
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => {
      record('dialog', 'showOpenDialog', args);
      return dialogAnswers.open === undefined
        ? { canceled: true, filePaths: [] }
        : { canceled: false, filePaths: [dialogAnswers.open] };
    },
    showSaveDialog: async (...args: unknown[]) => {
      record('dialog', 'showSaveDialog', args);
      return dialogAnswers.save === undefined
        ? { canceled: true, filePath: '' }
        : { canceled: false, filePath: dialogAnswers.save };
    },
    showMessageBox: async (...args: unknown[]) => {
      record('dialog', 'showMessageBox', args);
      return { response: 0, checkboxChecked: false };
    },
  };

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      record('ipcMain', 'handle', [channel]);
      if (ipcHandlers.has(channel)) throw new Error(`recording electron: ${channel} handled twice`);
      ipcHandlers.set(channel, handler);
    },
  };

  const menus: RecordedMenu[] = [];
  let applicationMenu: RecordedMenu | undefined;
  const Menu = {
    buildFromTemplate: (
      template: ReadonlyArray<Record<string, unknown>>,
    ): RecordedMenu & { popup(o: unknown): void } => {
      const menu = {
        template,
        popups: [] as unknown[],
        popup(popupOptions: unknown) {
          this.popups.push(popupOptions);
        },
      };
      menus.push(menu);
      return menu;
    },
    setApplicationMenu: (menu: RecordedMenu) => {
      record('Menu', 'setApplicationMenu', [menu]);
      applicationMenu = menu;
    },
  };

  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown) => record('protocol', 'registerSchemesAsPrivileged', [schemes]),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
      record('protocol', 'handle', [scheme]);
      protocolHandlers.set(scheme, handler);
    },
  };

  /** Electron's net.fetch, for file:// URLs only (all the protocol handler asks for). */
  const net = {
    fetch: async (url: string): Promise<Response> => {
      record('net', 'fetch', [url]);
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200 });
      } catch {
        return new Response('not found', { status: 404 });
      }
    },
  };

  const defaultSession = {
    availableSpellCheckerLanguages: ['en-US', 'en-GB', 'ru', 'uk', 'de'],
    setPermissionRequestHandler: (handler: unknown) => record('session', 'setPermissionRequestHandler', [handler]),
    setPermissionCheckHandler: (handler: unknown) => record('session', 'setPermissionCheckHandler', [handler]),
    setSpellCheckerLanguages: (languages: string[]) => record('session', 'setSpellCheckerLanguages', [languages]),
    setSpellCheckerEnabled: (enable: boolean) => record('session', 'setSpellCheckerEnabled', [enable]),
  };

  const module = {
    app,
    BrowserWindow: RecordingBrowserWindow,
    dialog,
    ipcMain,
    Menu,
    nativeTheme: { shouldUseDarkColors: options.dark ?? false },
    net,
    protocol,
    screen: {
      getAllDisplays: () =>
        (options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]).map((workArea) => ({ workArea })),
    },
    session: { defaultSession },
    shell: { openExternal: async (url: string) => record('shell', 'openExternal', [url]) },
  };

  return {
    /** The module to stand in for `electron`. */
    module: { ...module, default: module },
    calls,
    app,
    windows,
    dialogAnswers,
    ipcHandlers,
    protocolHandlers,
    menus,
    applicationMenu: (): RecordedMenu | undefined => applicationMenu,
    /** Plays Electron finishing its start-up. */
    becomeReady: resolveReady,
    callsOf: (target: string, method: string) =>
      calls.filter((call) => call.target === target && call.method === method),
  };
}

export type RecordingElectron = ReturnType<typeof createRecordingElectron>;
