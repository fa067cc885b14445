import {
  ApiError,
  unwrapEnvelope,
  type ApiEnvelope,
  type ApiRequest,
  type ApiResponse,
  type Operation,
  type SubrelayApi,
} from '../../../src/api/contract';
import type { CommandId } from '../../../src/commands/commands';
import { takeWebToken } from './webToken';

type EnvelopeApi = { readonly [O in Operation]: (request: ApiRequest<O>) => Promise<ApiEnvelope<ApiResponse<O>>> };

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web mode. */
    readonly subrelayIpc?: EnvelopeApi;
    /** Set by the Electron preload (main/preload.ts). */
    readonly subrelayMenu?: {
      /** Application menu commands. */
      onMenuCommand(listener: (command: CommandId) => void): () => void;
      /**
       * Projects the OS asked to open (double-click, macOS `open-file`, argv), dropped on the window,
       * or chosen from Open Recent. Main has granted the path: ask about unsaved changes, then
       * `openProject({ path })`.
       */
      onOpenFile(listener: (path: string) => void): () => void;
    };
  }
}

function webCall<O extends Operation>(token: string, operation: O) {
  return async (request: ApiRequest<O>): Promise<ApiResponse<O>> => {
    let response: Response;
    try {
      response = await fetch(`./api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Subrelay-Token': token },
        body: JSON.stringify(request),
      });
    } catch {
      throw new ApiError('internal', 'unreachable');
    }
    if (!response.ok) throw new ApiError('forbidden', `${response.status} ${await response.text()}`);
    return unwrapEnvelope((await response.json()) as ApiEnvelope<ApiResponse<O>>);
  };
}

function ipcCall<O extends Operation>(ipc: EnvelopeApi, operation: O) {
  return async (request: ApiRequest<O>): Promise<ApiResponse<O>> => {
    const send = ipc[operation] as (r: ApiRequest<O>) => Promise<ApiEnvelope<ApiResponse<O>>>;
    return unwrapEnvelope(await send(request));
  };
}

/**
 * The contract as the UI uses it, over Electron IPC or the web mode's HTTP API.
 *
 * Both throw `ApiError` with the handler's code, message and file.
 */
export function createApi(): SubrelayApi {
  const ipc = window.subrelayIpc;
  if (ipc !== undefined) {
    return {
      getEnvironment: ipcCall(ipc, 'getEnvironment'),
      listSamples: ipcCall(ipc, 'listSamples'),
      openSample: ipcCall(ipc, 'openSample'),
      openProject: ipcCall(ipc, 'openProject'),
      saveProject: ipcCall(ipc, 'saveProject'),
      chooseExportFolder: ipcCall(ipc, 'chooseExportFolder'),
      exportFiles: ipcCall(ipc, 'exportFiles'),
      writeJournal: ipcCall(ipc, 'writeJournal'),
      clearJournal: ipcCall(ipc, 'clearJournal'),
      findJournal: ipcCall(ipc, 'findJournal'),
      openBackup: ipcCall(ipc, 'openBackup'),
      setInterfaceLanguage: ipcCall(ipc, 'setInterfaceLanguage'),
      setCommandStates: ipcCall(ipc, 'setCommandStates'),
      closeWindow: ipcCall(ipc, 'closeWindow'),
    };
  }
  const token = takeWebToken(window);
  return {
    getEnvironment: webCall(token, 'getEnvironment'),
    listSamples: webCall(token, 'listSamples'),
    openSample: webCall(token, 'openSample'),
    openProject: webCall(token, 'openProject'),
    saveProject: webCall(token, 'saveProject'),
    chooseExportFolder: webCall(token, 'chooseExportFolder'),
    exportFiles: webCall(token, 'exportFiles'),
    writeJournal: webCall(token, 'writeJournal'),
    clearJournal: webCall(token, 'clearJournal'),
    findJournal: webCall(token, 'findJournal'),
    openBackup: webCall(token, 'openBackup'),
    setInterfaceLanguage: webCall(token, 'setInterfaceLanguage'),
    // The web mode has no application menu: nothing to tell the server.
    setCommandStates: async () => ({}),
    closeWindow: webCall(token, 'closeWindow'),
  };
}
