import { contextBridge, ipcRenderer } from 'electron';
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
  closeWindow: (request) => call('closeWindow', request),
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

contextBridge.exposeInMainWorld('subrelayIpc', api);
contextBridge.exposeInMainWorld('subrelayMenu', { onMenuCommand });

export type { EnvelopeApi, SubrelayApi };
