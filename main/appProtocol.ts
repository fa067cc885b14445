import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
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
