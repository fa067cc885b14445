import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { isAbsolute } from 'node:path';
import { channelOf, OPERATIONS, type ApiEnvelope } from '../src/api/contract';
import { dispatch } from './handlers/dispatch';
import type { Handlers } from './handlers/handlers';
import { APP_ORIGIN, DROPPED_FILES_CHANNEL } from './window';

/**
 * Whether an IPC call comes from the main frame of one of our windows showing our own pages.
 *
 * Any other sender (a subframe, a page that navigated elsewhere, a window we
 * did not create) is refused before its payload is looked at.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>,
  trustedWebContentsIds: ReadonlySet<number>,
): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (!trustedWebContentsIds.has(event.sender.id)) return false;
  // Node's URL gives custom schemes the origin "null", so compare the text itself.
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Registers one `ipcMain.handle` per contract operation, each through `dispatch`. */
export function registerIpcHandlers(handlers: Handlers, trustedWebContentsIds: ReadonlySet<number>): void {
  for (const operation of OPERATIONS) {
    ipcMain.handle(channelOf(operation), async (event, payload: unknown): Promise<ApiEnvelope<unknown>> => {
      if (!isTrustedSender(event, trustedWebContentsIds)) {
        return { ok: false, error: { code: 'forbidden', message: `${operation}: untrusted sender` } };
      }
      return dispatch(handlers, operation, payload, { senderId: event.sender.id });
    });
  }
}

/** At most this many paths are taken from one drop. */
const MAX_DROPPED_FILES = 20;

/**
 * Takes the paths of projects dropped on a window (sent by the preload, from `webUtils.getPathForFile`).
 *
 * Only a trusted sender's absolute paths of sensible length get through;
 * `accept` checks that each is a project file before granting it.
 */
export function registerDroppedFiles(
  trustedWebContentsIds: ReadonlySet<number>,
  accept: (absolutePath: string) => void,
): void {
  ipcMain.handle(DROPPED_FILES_CHANNEL, (event, paths: unknown): Record<string, never> => {
    if (!isTrustedSender(event, trustedWebContentsIds) || !Array.isArray(paths)) return {};
    for (const path of (paths as ReadonlyArray<unknown>).slice(0, MAX_DROPPED_FILES)) {
      if (typeof path === 'string' && path.length <= 4096 && isAbsolute(path)) accept(path);
    }
    return {};
  });
}
