import { BrowserWindow, shell } from 'electron';

/** Where the app's own pages are served from (see `registerAppProtocol`). */
export const APP_ORIGIN = 'app://subrelay';

/** The one channel main sends on: a menu command for the renderer to run. */
export const COMMAND_CHANNEL = 'subrelay:command';

/**
 * The only pages Subrelay opens in the user's browser: ones it links to itself.
 *
 * A link in a project note or a pasted text never leaves the app.
 */
export const EXTERNAL_URLS: ReadonlySet<string> = new Set([
  'https://partnerhelp.netflixstudios.com/hc/en-us/articles/215758617-Timed-Text-Style-Guide-General-Requirements',
]);

/**
 * Creates the app's one kind of window, with Electron's security checklist applied.
 *
 * The options are inline literals on purpose, so that a scanner (and a
 * reviewer) sees them where the window is made. Navigation away from the
 * app's own pages and new windows are refused; https links the app shows
 * open in the user's browser.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Subrelay',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: exposes one function per contract operation, no ipcRenderer
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
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url) && EXTERNAL_URLS.has(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: only exact URLs from EXTERNAL_URLS
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Only plain https links with a host leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
