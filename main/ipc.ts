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

/** What main made of one dropped path: a project it opens, media it granted, or nothing. */
export type DroppedKind = 'project' | 'media' | undefined;

/**
 * Takes the paths of files dropped on a window (sent by the preload, from `webUtils.getPathForFile`).
 *
 * Only a trusted sender's absolute paths of sensible length get through;
 * `accept` checks each (a project file to open, or a video or audio file
 * to grant) and says what it was. The answer lists the media granted, for
 * the preload to hand to the page (which attaches it with `attachMedia`).
 */
export function registerDroppedFiles(
  trustedWebContentsIds: ReadonlySet<number>,
  accept: (absolutePath: string) => DroppedKind,
): void {
  ipcMain.handle(DROPPED_FILES_CHANNEL, (event, paths: unknown): { media: string[] } => {
    const media: string[] = [];
    if (!isTrustedSender(event, trustedWebContentsIds) || !Array.isArray(paths)) return { media };
    for (const path of (paths as ReadonlyArray<unknown>).slice(0, MAX_DROPPED_FILES)) {
      if (typeof path === 'string' && path.length <= 4096 && isAbsolute(path) && accept(path) === 'media') {
        media.push(path);
      }
    }
    return { media };
  });
}
