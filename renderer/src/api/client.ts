import {
  ApiError,
  unwrapEnvelope,
  type ApiEnvelope,
  type ApiRequest,
  type ApiResponse,
  OPERATIONS,
  type Operation,
  type SubrelayApi,
} from '../../../src/api/contract';
import type { CommandId } from '../../../src/commands/commands';
import { validateProject } from '../../../src/model/schema';
import { stringifyRemembering } from '../../../src/model/serialize';
import { createFocusedLanguageNotifier, watchFocusedLanguage } from './focusedLanguage';
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
      /** Video or audio files dropped on the window, granted by main: attach one with `attachMedia`. */
      onDroppedMedia(listener: (path: string) => void): () => void;
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
        // A project's rows are written from what was written of them before (a journal after each pause in typing).
        body: stringifyRemembering(request),
        // A closing tab lets go of its journals: that small request must outlive the page.
        keepalive: operation === 'releaseJournals',
      });
    } catch {
      throw new ApiError('internal', 'unreachable');
    }
    if (!response.ok) throw new ApiError('forbidden', `${response.status} ${await response.text()}`);
    return unwrapEnvelope((await response.json()) as ApiEnvelope<ApiResponse<O>>);
  };
}

/**
 * Opens a project in the web mode: the server sends the file as it is
 * (`unchecked`) and the page reads and validates it here, so a big project's
 * JSON is read once, not once by the server and again by the page. A file
 * with a problem is asked for again the usual way, and that answer names the
 * file and the problem, and offers a backup when there is a good one.
 */
function webOpenProject(token: string) {
  return openReadingHere(webCall(token, 'openProject'));
}

/** `openProject` over `call` (the web mode's), reading and validating the project in the page; see `webOpenProject`. */
export function openReadingHere(call: (request: ApiRequest<'openProject'>) => Promise<ApiResponse<'openProject'>>) {
  return async (request: ApiRequest<'openProject'>): Promise<ApiResponse<'openProject'>> => {
    let answer: ApiResponse<'openProject'>;
    try {
      answer = await call({ ...request, unchecked: true });
    } catch (error) {
      // Not JSON (the answer holds the file as it is): the usual way says what is wrong with it.
      if (error instanceof SyntaxError) return call(request);
      throw error;
    }
    if (answer.canceled || !('project' in answer)) return answer;
    try {
      return { ...answer, project: validateProject(answer.project) };
    } catch {
      return call(request);
    }
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
 * Both throw `ApiError` with the handler's code, message and file. Every
 * operation of the contract is there, built from its one list.
 */
export function createApi(): SubrelayApi {
  const ipc = window.subrelayIpc;
  const token = ipc === undefined ? takeWebToken(window) : '';
  const entries = OPERATIONS.map((operation) => [
    operation,
    ipc !== undefined
      ? ipcCall(ipc, operation)
      : operation === 'setCommandStates' || operation === 'setFocusedLanguage'
        ? // The web mode has no application menu or spell checker of its own: nothing to tell the server.
          async () => ({})
        : operation === 'openProject'
          ? webOpenProject(token)
          : webCall(token, operation),
  ]);
  const api = Object.fromEntries(entries) as SubrelayApi;
  // The desktop's spell checker follows the language column the caret is in.
  if (ipc !== undefined) watchFocusedLanguage(window.document, createFocusedLanguageNotifier(api));
  return api;
}
