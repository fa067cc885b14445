import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { dispatch } from '../handlers/dispatch';
import type { Handlers } from '../handlers/handlers';
import { MEDIA_TYPES } from '../handlers/media';

/**
 * The web mode's media route: `GET /media?project=PROJECT&media=MEDIA&token=TOKEN`.
 *
 * `media` is the transcript's `media.path` (relative to `project`, the
 * project file as the page knows it; leave `project` out for an untitled
 * project). The token may be the header, as for the API, or the query,
 * since a `<video src>` cannot send headers.
 */
export const MEDIA_ROUTE = '/media';

/** A byte range `[start, end]` (inclusive) of a file of `size` bytes, or why it cannot be served. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'none' | 'unsatisfiable' {
  if (header === undefined) return 'none';
  const match = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  // Several ranges, or another unit: serve the whole file, as RFC 9110 allows.
  if (match === null) return 'none';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'none';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function refuse(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

/** Serves a transcript's media file with range requests, after the same path checks as `checkMedia`. */
export async function serveMedia(
  handlers: Handlers,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    refuse(response, 405, 'Method not allowed');
    return;
  }
  const envelope = await dispatch(handlers, 'checkMedia', {
    projectPath: url.searchParams.get('project'),
    media: url.searchParams.get('media') ?? '',
  });
  if (!envelope.ok) {
    const status = envelope.error.code === 'forbidden' ? 403 : envelope.error.code === 'invalid-request' ? 400 : 404;
    refuse(response, status, status === 403 ? 'Forbidden' : 'Not found');
    return;
  }
  const media = envelope.value as { found: boolean; path: string; sizeBytes?: number };
  if (!media.found || media.sizeBytes === undefined) {
    refuse(response, 404, 'Not found');
    return;
  }
  const size = media.sizeBytes;
  const range = parseRange(request.headers.range, size);
  const headers = {
    'Content-Type': MEDIA_TYPES[extname(media.path).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    response.end();
    return;
  }
  const { start, end } = range === 'none' ? { start: 0, end: size - 1 } : range;
  response.writeHead(range === 'none' ? 200 : 206, {
    ...headers,
    'Content-Length': String(Math.max(0, end - start + 1)),
    ...(range === 'none' ? {} : { 'Content-Range': `bytes ${start}-${end}/${size}` }),
  });
  if (request.method === 'HEAD' || size === 0) {
    response.end();
    return;
  }
  await pipeline(createReadStream(media.path, { start, end }), response);
}
