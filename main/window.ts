import {
  BrowserWindow,
  shell,
  type ContextMenuParams,
  type MenuItemConstructorOptions,
  type Rectangle,
} from 'electron';
import type { Language } from '../src/languages';
import { MIN_WINDOW } from './desktopState';
import { menuLabel } from './menu';

/** Where the app's own pages are served from (see `registerAppProtocol`). */
export const APP_ORIGIN = 'app://subrelay';

/** The channel main sends menu commands on, for the renderer to run. */
export const COMMAND_CHANNEL = 'subrelay:command';

/** The channel main sends a granted project path on, for the renderer to open (see the preload's onOpenFile). */
export const OPEN_FILE_CHANNEL = 'subrelay:open-file';

/** The channel the preload sends dropped projects' paths on (from webUtils.getPathForFile). */
export const DROPPED_FILES_CHANNEL = 'subrelay:dropped-files';

/** The page's background in each theme (`--bg` in renderer/src/styles.css): no white flash before it paints. */
export const BACKGROUND_COLORS = { light: '#ffffff', dark: '#17191d' } as const;

export interface MainWindowOptions {
  /** Where the window was when it last closed, if that is still on a screen. */
  readonly bounds?: Rectangle | undefined;
  readonly dark?: boolean;
}

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
export function createMainWindow(preloadPath: string, options: MainWindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? 1400,
    height: options.bounds?.height ?? 900,
    ...(options.bounds !== undefined ? { x: options.bounds.x, y: options.bounds.y } : {}),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'Subrelay',
    backgroundColor: options.dark === true ? BACKGROUND_COLORS.dark : BACKGROUND_COLORS.light,
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

/** What a right-click menu's items do; Electron's webContents and session in the app, recorders in tests. */
export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/**
 * The right-click menu: spelling suggestions for a misspelt word, then cut, copy, paste and select all.
 *
 * Items are enabled as Chromium's edit flags say; outside a text field only
 * Copy (when text is selected) is offered. An empty menu means no menu.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText'> & {
    readonly editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
  },
  language: Language,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const label = (key: string): string => menuLabel(language, key);
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, 6);
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    }
    if (suggestions.length === 0) items.push({ label: label('desktop.noSuggestions'), enabled: false });
    items.push(
      { type: 'separator' },
      { label: label('desktop.addToDictionary'), click: () => actions.addToDictionary(params.misspelledWord) },
      { type: 'separator' },
    );
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', label: label('command.cut'), enabled: params.editFlags.canCut },
      { role: 'copy', label: label('command.copy'), enabled: params.editFlags.canCopy },
      { role: 'paste', label: label('command.paste'), enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: label('command.selectAll'), enabled: params.editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: label('command.copy'), enabled: params.editFlags.canCopy });
  }
  return items;
}
