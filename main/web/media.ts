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

/** What a media request gets: a refusal, or a file's bytes `[start, end]` with the headers to send. */
export type MediaAnswer =
  | { readonly kind: 'refuse'; readonly status: number; readonly body: string }
  | {
      readonly kind: 'file';
      readonly status: 200 | 206 | 416;
      readonly headers: Readonly<Record<string, string>>;
      readonly path: string;
      /** The bytes to send, inclusive; none for 416, a HEAD request or an empty file. */
      readonly range: { readonly start: number; readonly end: number } | undefined;
    };

/** Headers of every refusal. */
export const REFUSAL_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Answers a media request (the web mode's `/media`, the desktop's `app://subrelay/media`) in one place.
 *
 * The path goes through `checkMedia`, with the same checks as every other
 * media operation: inside the root in web mode; on the desktop, chosen in a
 * dialog or dropped this run, or inside the folder of a project the user
 * opened; and a video or audio file in any case. Only GET and HEAD.
 */
export async function answerMediaRequest(
  handlers: Handlers,
  query: URLSearchParams,
  method: string,
  rangeHeader: string | undefined,
): Promise<MediaAnswer> {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refuse', status: 405, body: 'Method not allowed' };
  const envelope = await dispatch(handlers, 'checkMedia', {
    projectPath: query.get('project'),
    media: query.get('media') ?? '',
  });
  if (!envelope.ok) {
    const status = envelope.error.code === 'forbidden' ? 403 : envelope.error.code === 'invalid-request' ? 400 : 404;
    return { kind: 'refuse', status, body: status === 403 ? 'Forbidden' : 'Not found' };
  }
  const media = envelope.value as { found: boolean; path: string; sizeBytes?: number };
  if (!media.found || media.sizeBytes === undefined) return { kind: 'refuse', status: 404, body: 'Not found' };
  const size = media.sizeBytes;
  const range = parseRange(rangeHeader, size);
  const headers = {
    'Content-Type': MEDIA_TYPES[extname(media.path).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (range === 'unsatisfiable') {
    return {
      kind: 'file',
      status: 416,
      headers: { ...headers, 'Content-Range': `bytes */${size}` },
      path: media.path,
      range: undefined,
    };
  }
  const { start, end } = range === 'none' ? { start: 0, end: size - 1 } : range;
  return {
    kind: 'file',
    status: range === 'none' ? 200 : 206,
    headers: {
      ...headers,
      'Content-Length': String(Math.max(0, end - start + 1)),
      ...(range === 'none' ? {} : { 'Content-Range': `bytes ${start}-${end}/${size}` }),
    },
    path: media.path,
    range: method === 'HEAD' || size === 0 ? undefined : { start, end },
  };
}

/** Serves a transcript's media file with range requests, after the same path checks as `checkMedia`. */
export async function serveMedia(
  handlers: Handlers,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const answer = await answerMediaRequest(handlers, url.searchParams, request.method ?? 'GET', request.headers.range);
  if (answer.kind === 'refuse') {
    response.writeHead(answer.status, REFUSAL_HEADERS);
    response.end(answer.body);
    return;
  }
  response.writeHead(answer.status, answer.headers);
  if (answer.range === undefined) {
    response.end();
    return;
  }
  await pipeline(createReadStream(answer.path, answer.range), response);
}
