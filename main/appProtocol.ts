import { createReadStream } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Handlers } from './handlers/handlers';
import { answerMediaRequest, MEDIA_ROUTE, REFUSAL_HEADERS } from './web/media';
import { CONTENT_SECURITY_POLICY } from './web/server';
import { securePage } from './web/pageSecurity';

/** The host of the app:// pages; any other host is refused. */
export const APP_HOST = 'subrelay';

/**
 * Answers one app:// request from the built renderer, with the CSP as a header.
 *
 * Only `app://subrelay/<file inside root>` is served; anything else, and any
 * path that escapes the folder, is a 404. `fetchFile` is Electron's
 * `net.fetch` in the app and a plain file reader in tests.
 */
export async function serveAppRequest(
  requestUrl: string,
  root: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): Promise<Response> {
  const notFound = (): Response => new Response('Not found', { status: 404 });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== 'app:' || url.host !== APP_HOST) return notFound();
  let relative: string;
  try {
    relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
  } catch {
    return notFound();
  }
  const base = resolve(root);
  const file = normalize(join(base, relative));
  if (!file.startsWith(base + sep)) return notFound();
  const response = await fetchFile(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  headers.set('X-Content-Type-Options', 'nosniff');
  if (response.ok && file.endsWith('.html')) {
    // The page gets this response's style nonce (see `securePage`).
    const page = securePage(await response.text());
    headers.set('Content-Security-Policy', page.policy);
    headers.delete('Content-Length');
    return new Response(page.html, { status: response.status, headers });
  }
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, headers });
}

/** Whether an app:// request is for the media route, `app://subrelay/media?project=…&media=…`. */
export function isAppMediaRequest(requestUrl: string): boolean {
  try {
    const url = new URL(requestUrl);
    return url.protocol === 'app:' && url.host === APP_HOST && url.pathname === MEDIA_ROUTE;
  } catch {
    return false;
  }
}

/**
 * Answers `app://subrelay/media?project=…&media=…` with the file's bytes, or the range asked for (206).
 *
 * The same answer as the web mode's `/media` (`answerMediaRequest`: the
 * path goes through `checkMedia`, so only media the user chose, dropped or
 * keeps beside a project they opened), streamed from the file. Same-origin
 * with the page, so the CSP's `media-src 'self'` covers it.
 */
export async function serveAppMedia(
  handlers: Handlers,
  request: Pick<Request, 'url' | 'method' | 'headers'>,
): Promise<Response> {
  const url = new URL(request.url);
  const answer = await answerMediaRequest(
    handlers,
    url.searchParams,
    request.method,
    request.headers.get('range') ?? undefined,
  );
  if (answer.kind === 'refuse') return new Response(answer.body, { status: answer.status, headers: REFUSAL_HEADERS });
  const body =
    answer.range === undefined
      ? null
      : (Readable.toWeb(createReadStream(answer.path, answer.range)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: answer.status, headers: answer.headers });
}
