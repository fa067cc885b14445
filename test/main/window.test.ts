import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, createMainWindow, EXTERNAL_URLS, isSafeExternalUrl } from '../../main/window';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  let nextId = 1;

  class FakeWebContents {
    readonly id = nextId++;
    windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
    readonly listeners = new Map<string, Listener[]>();

    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
      this.windowOpenHandler = handler;
    }

    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }

    /** Fires `event` like Chromium would and tells whether any listener cancelled it. */
    emitCancelable(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const electronEvent = {
        preventDefault: () => {
          prevented = true;
        },
      };
      const listeners = this.listeners.get(event) ?? [];
      if (listeners.length === 0) throw new Error(`no listener for ${event}`);
      for (const listener of listeners) listener(electronEvent, ...args);
      return prevented;
    }
  }

  class FakeBrowserWindow {
    static readonly created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly onceListeners = new Map<string, Listener>();
    shown = false;

    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeBrowserWindow.created.push(this);
    }

    once(event: string, listener: Listener): this {
      this.onceListeners.set(event, listener);
      return this;
    }

    on(): this {
      return this;
    }

    show(): void {
      this.shown = true;
    }
  }

  const openExternal = vi.fn<(url: string) => Promise<void>>(async () => undefined);
  return { FakeBrowserWindow, openExternal };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeBrowserWindow,
  shell: { openExternal: fake.openExternal },
}));

function makeWindow(): InstanceType<typeof fake.FakeBrowserWindow> {
  createMainWindow('/opt/subrelay/preload/index.cjs');
  const window = fake.FakeBrowserWindow.created.at(-1);
  if (window === undefined) throw new Error('createMainWindow made no BrowserWindow');
  return window;
}

function openWindowFor(url: string): WindowOpenHandlerResponse {
  const handler = makeWindow().webContents.windowOpenHandler;
  if (handler === undefined) throw new Error('no window open handler was set');
  return handler({
    url,
    frameName: '',
    features: '',
    disposition: 'new-window',
    referrer: { url: '', policy: 'default' },
  });
}

beforeEach(() => {
  fake.FakeBrowserWindow.created.length = 0;
  fake.openExternal.mockClear();
});

describe('createMainWindow', () => {
  it("applies Electron's security checklist to the window's web preferences", () => {
    const preferences = makeWindow().options.webPreferences;
    expect(preferences).toMatchObject({
      preload: '/opt/subrelay/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
    });
    expect(preferences?.enableBlinkFeatures ?? '').toBe('');
  });

  it('creates exactly one window and shows it only once it is ready', () => {
    const window = makeWindow();
    expect(fake.FakeBrowserWindow.created).toHaveLength(1);
    expect(window.options.show).toBe(false);
    window.onceListeners.get('ready-to-show')?.();
    expect(window.shown).toBe(true);
  });

  it.each([
    'https://www.kyivpost.com/post/12345',
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:secret@example.com/',
    'app://subrelay/index.html',
  ])('denies a new window for %s', (url) => {
    expect(openWindowFor(url)).toEqual({ action: 'deny' });
  });

  it('opens in the system browser only the https links the app itself makes', () => {
    const [allowed] = [...EXTERNAL_URLS];
    expect(allowed).toMatch(/^https:\/\//u);
    openWindowFor(allowed!);
    expect(fake.openExternal).toHaveBeenCalledOnce();
    expect(fake.openExternal).toHaveBeenCalledWith(allowed);
    openWindowFor('https://www.kyivpost.com/post/12345');
    expect(fake.openExternal).toHaveBeenCalledOnce();
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ])('never hands %s to the system', (url) => {
    openWindowFor(url);
    expect(fake.openExternal).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://subrelay.evil/index.html',
    'app://evil/index.html',
    APP_ORIGIN,
  ])('cancels navigation to %s', (url) => {
    const contents = makeWindow().webContents;
    expect(contents.emitCancelable('will-navigate', url)).toBe(true);
    expect(contents.emitCancelable('will-redirect', url)).toBe(true);
  });

  it.each([`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/assets/app.js?x=1#top`])('lets the app navigate to %s', (url) => {
    const contents = makeWindow().webContents;
    expect(contents.emitCancelable('will-navigate', url)).toBe(false);
    expect(contents.emitCancelable('will-redirect', url)).toBe(false);
  });

  it('refuses to attach webviews', () => {
    expect(makeWindow().webContents.emitCancelable('will-attach-webview', {}, {})).toBe(true);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com', 'https://www.kyivpost.com/post/12345?a=b#c', 'HTTPS://EXAMPLE.COM/'])(
    'accepts %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,hi',
    'mailto:someone@example.com',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'https://:secret@example.com/',
    'ftp://example.com/',
    'app://subrelay/index.html',
    '//example.com',
    'example.com',
    '',
    'https://',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
