import { dispatch } from '../../main/handlers/dispatch';
import { createHandlers } from '../../main/handlers/handlers';
import { OPERATIONS, unwrapEnvelope, type SubrelayApi } from '../../src/api/contract';
import { webHost } from '../main/support';

/** The renderer's API over the real handlers of a web-mode host, through the same dispatch the server uses. */
export function apiOver(folder: string): SubrelayApi {
  const handlers = createHandlers(webHost(folder, { root: folder }));
  const entries = OPERATIONS.map((operation) => [
    operation,
    async (request: unknown) => unwrapEnvelope(await dispatch(handlers, operation, request)),
  ]);
  return Object.fromEntries(entries) as SubrelayApi;
}
