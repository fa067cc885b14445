import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, OPERATIONS, type ApiEnvelope } from '../src/api/contract';
import { dispatch } from './handlers/dispatch';
import type { Handlers } from './handlers/handlers';
import { APP_ORIGIN } from './window';

/**
 * Whether an IPC call comes from the main frame of one of our windows showing our own pages.
 *
 * Any other sender (a subframe, a page that navigated elsewhere, a window we
 * did not create) is refused before its payload is looked at.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, trustedWebContentsIds: ReadonlySet<number>): boolean {
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
