import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { dispatch } from '../handlers/dispatch';
import { answerBody } from '../handlers/jsonSource';
import { MEDIA_ROUTE, serveMedia } from './media';
import { securePage } from './pageSecurity';
import type { Handlers } from '../handlers/handlers';

/** The header that carries the per-run token on every API call. */
export const TOKEN_HEADER = 'x-subrelay-token';

/** The page's Content-Security-Policy: only our own scripts, styles and API. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MAX_BODY_BYTES = 256 * 1024 * 1024;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface WebServerOptions {
  readonly handlers: Handlers;
  /** The built renderer (index.html and its assets). */
  readonly rendererFolder: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed only in tests; a fresh random token otherwise. */
  readonly token?: string;
}

export interface RunningWebServer {
  readonly port: number;
  readonly token: string;
  readonly url: string;
  close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves the UI and the contract's operations on 127.0.0.1 only.
 *
 * Every request must name this server as its Host (a DNS-rebinding page
 * cannot), any Origin must be this server, and every API call must carry the
 * per-run token. No CORS headers are ever sent.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = (): ReadonlyArray<string> => [`127.0.0.1:${port}`, `localhost:${port}`];

  const rendererRoot = resolve(options.rendererFolder);
  // A <video> cannot send headers: the media route's address carries the token.
  const handlers: Handlers = {
    ...options.handlers,
    mediaUrl: async (request, context) => {
      const { url } = await options.handlers.mediaUrl(request, context);
      return { url: `${url}&${new URLSearchParams({ token }).toString()}` };
    },
  };

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    } catch {
      send(response, 404, 'Not found');
      return;
    }
    const file = normalize(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot + sep)) {
      send(response, 404, 'Not found');
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      send(response, 404, 'Not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const page = type.startsWith('text/html') ? securePage(body.toString('utf8')) : undefined;
    response.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
      ...(page !== undefined ? { 'Content-Security-Policy': page.policy } : {}),
    });
    response.end(page !== undefined ? page.html : body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      send(response, 403, 'Forbidden: unexpected Host');
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts().some((host) => origin === `http://${host}`)) {
      send(response, 403, 'Forbidden: unexpected Origin');
      return;
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname === MEDIA_ROUTE) {
      // A <video> cannot send headers: the token may come in the query instead.
      const given = request.headers[TOKEN_HEADER] ?? url.searchParams.get('token') ?? undefined;
      if (typeof given !== 'string' || !sameSecret(given, token)) {
        send(response, 401, 'Unauthorized: missing or wrong token');
        return;
      }
      await serveMedia(options.handlers, url, request, response);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const given = request.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, token)) {
        send(response, 401, 'Unauthorized: missing or wrong token');
        return;
      }
      if (request.method !== 'POST') {
        send(response, 405, 'Method not allowed');
        return;
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        send(response, 415, 'Unsupported media type: send application/json');
        return;
      }
      let payload: unknown;
      try {
        const body = await readBody(request);
        payload = body === '' ? {} : JSON.parse(body);
      } catch (error) {
        send(response, 400, `Bad request: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const envelope = await dispatch(handlers, url.pathname.slice('/api/'.length), payload);
      send(response, 200, answerBody(envelope), 'application/json; charset=utf-8');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method not allowed');
      return;
    }
    await serveStatic(url.pathname, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // Never echo internal error text to the client.
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
