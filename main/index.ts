import { app, BrowserWindow, dialog, Menu, net, protocol, session } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { serveAppRequest } from './appProtocol';
import { createHandlers } from './handlers/handlers';
import { registerIpcHandlers } from './ipc';
import { buildApplicationMenu } from './menu';
import { rendererBuildFolder, samplesFolder } from './paths';
import { version } from './version';
import { APP_ORIGIN, COMMAND_CHANNEL, createMainWindow } from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Serves the built renderer on app://subrelay/ with the CSP sent as a header. */
function registerAppProtocol(): void {
  const root = rendererBuildFolder();
  protocol.handle('app', (request) => serveAppRequest(request.url, root, (fileUrl) => net.fetch(fileUrl)));
}

async function start(): Promise<void> {
  await app.whenReady();
  registerAppProtocol();
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const trusted = new Set<number>();
  let current: BrowserWindow | undefined;
  const parent = (): BrowserWindow | undefined => current;
  const sendCommand = (command: string): void => {
    current?.webContents.send(COMMAND_CHANNEL, command);
  };
  Menu.setApplicationMenu(buildApplicationMenu('en', sendCommand));

  const handlers = createHandlers({
    mode: 'electron',
    version,
    samplesFolder: samplesFolder(),
    defaultExportFolder: join(homedir(), 'Subrelay', 'exports'),
    journalFolder: join(app.getPath('userData'), 'journal'),
    setInterfaceLanguage: (language) => {
      Menu.setApplicationMenu(buildApplicationMenu(language, sendCommand));
    },
    closeWindow: ({ senderId }) => {
      // The renderer has already asked the user; destroy() skips beforeunload.
      BrowserWindow.getAllWindows()
        .find((window) => window.webContents.id === senderId)
        ?.destroy();
    },
    askOpenPath: async () => {
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'Subrelay project', extensions: ['subrelay'] }],
      };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    askSavePath: async (suggestedName) => {
      const options = { defaultPath: suggestedName, filters: [{ name: 'Subrelay project', extensions: ['subrelay'] }] };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
    askExportFolder: async () => {
      const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  });
  registerIpcHandlers(handlers, trusted);

  const openWindow = (): void => {
    const window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
    trusted.add(window.webContents.id);
    current = window;
    window.on('closed', () => {
      if (current === window) current = undefined;
    });
    window.on('focus', () => {
      current = window;
    });
    // A crashed page reloads; on start it finds its journal and offers the work back.
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
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
