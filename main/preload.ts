import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isCommandId, type CommandId } from '../src/commands/commands';
import type { ApiEnvelope, ApiRequest, ApiResponse, Operation, SubrelayApi } from '../src/api/contract';

/*
 * The preload exposes one named function per operation and nothing else: no
 * generic invoke, no ipcRenderer. Envelopes are unwrapped in the renderer
 * (renderer/src/api) so that errors keep their code and file.
 */

function call<O extends Operation>(operation: O, request: ApiRequest<O>): Promise<ApiEnvelope<ApiResponse<O>>> {
  return ipcRenderer.invoke(`subrelay:${operation}`, request) as Promise<ApiEnvelope<ApiResponse<O>>>;
}

type EnvelopeApi = { readonly [O in Operation]: (request: ApiRequest<O>) => Promise<ApiEnvelope<ApiResponse<O>>> };

const api: EnvelopeApi = {
  getEnvironment: (request) => call('getEnvironment', request),
  listSamples: (request) => call('listSamples', request),
  openSample: (request) => call('openSample', request),
  openProject: (request) => call('openProject', request),
  saveProject: (request) => call('saveProject', request),
  chooseExportFolder: (request) => call('chooseExportFolder', request),
  exportFiles: (request) => call('exportFiles', request),
  writeJournal: (request) => call('writeJournal', request),
  clearJournal: (request) => call('clearJournal', request),
  holdJournal: (request) => call('holdJournal', request),
  releaseJournals: (request) => call('releaseJournals', request),
  listJournals: (request) => call('listJournals', request),
  openBackup: (request) => call('openBackup', request),
  setInterfaceLanguage: (request) => call('setInterfaceLanguage', request),
  setCommandStates: (request) => call('setCommandStates', request),
  setFocusedLanguage: (request) => call('setFocusedLanguage', request),
  closeWindow: (request) => call('closeWindow', request),
  attachMedia: (request) => call('attachMedia', request),
  checkMedia: (request) => call('checkMedia', request),
  mediaUrl: (request) => call('mediaUrl', request),
  detectSpeech: (request) => call('detectSpeech', request),
  mediaPeaks: (request) => call('mediaPeaks', request),
};

/** Menu commands from main, checked against the command list before they reach the page. */
function onMenuCommand(listener: (command: CommandId) => void): () => void {
  const handler = (_event: unknown, command: unknown): void => {
    if (isCommandId(command)) listener(command);
  };
  ipcRenderer.on('subrelay:command', handler);
  return () => {
    ipcRenderer.removeListener('subrelay:command', handler);
  };
}

/** The longest path main accepts or sends; the contract's limit too. */
const MAX_PATH_LENGTH = 4096;

/**
 * Projects the OS (double-click, `open-file`, argv), a drop or the recent list asked to open.
 *
 * Main has granted each path already; the page asks about unsaved changes,
 * then opens it with `openProject({ path })`.
 */
const openFileListeners = new Set<(path: string) => void>();
/** Paths that arrived before the page listened (a double-clicked project opens the app). */
const unheardOpens: string[] = [];

ipcRenderer.on('subrelay:open-file', (_event: unknown, path: unknown) => {
  if (typeof path !== 'string' || path === '' || path.length > MAX_PATH_LENGTH) return;
  if (openFileListeners.size === 0) unheardOpens.push(path);
  for (const listener of openFileListeners) listener(path);
});

function onOpenFile(listener: (path: string) => void): () => void {
  openFileListeners.add(listener);
  for (const path of unheardOpens.splice(0)) listener(path);
  return () => {
    openFileListeners.delete(listener);
  };
}

/*
 * Files dropped on the window. Their paths come from webUtils here, in the
 * isolated preload: a page cannot make a File that names a path on disk, so
 * it cannot have main grant a path the user did not drop. Main checks each
 * path again: a `.subrelay` file is opened (through onOpenFile), a video or
 * audio file is granted and handed to the page (onDroppedMedia), anything
 * else is left alone. A drop the page handled itself (preventDefault) is
 * not looked at.
 */
const droppedMediaListeners = new Set<(path: string) => void>();

/** Video or audio files dropped on the window, granted by main: the page attaches one with `attachMedia`. */
function onDroppedMedia(listener: (path: string) => void): () => void {
  droppedMediaListeners.add(listener);
  return () => {
    droppedMediaListeners.delete(listener);
  };
}

function grantedMedia(answer: unknown): string[] {
  const media = (answer as { media?: unknown } | null)?.media;
  if (!Array.isArray(media)) return [];
  return (media as unknown[]).filter(
    (path): path is string => typeof path === 'string' && path !== '' && path.length <= MAX_PATH_LENGTH,
  );
}

if (typeof window !== 'undefined') {
  window.addEventListener('dragover', (event) => {
    if ([...(event.dataTransfer?.items ?? [])].some((item) => item.kind === 'file')) event.preventDefault();
  });
  window.addEventListener('drop', (event) => {
    if (event.defaultPrevented) return;
    const paths = [...(event.dataTransfer?.files ?? [])]
      .map((file) => webUtils.getPathForFile(file))
      .filter((path) => path !== '' && path.length <= MAX_PATH_LENGTH);
    if (paths.length === 0) return;
    event.preventDefault();
    void ipcRenderer.invoke('subrelay:dropped-files', paths).then((answer: unknown) => {
      for (const path of grantedMedia(answer)) for (const listener of droppedMediaListeners) listener(path);
    });
  });
}

contextBridge.exposeInMainWorld('subrelayIpc', api);
contextBridge.exposeInMainWorld('subrelayMenu', { onMenuCommand, onOpenFile, onDroppedMedia });

export type { EnvelopeApi, SubrelayApi };
