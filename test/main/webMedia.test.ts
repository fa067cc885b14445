import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/handlers/handlers';
import { parseRange } from '../../main/web/media';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../main/web/server';
import { useTemporaryFolders, webHost } from './support';

const TOKEN = 'test-token-0123456789abcdefghijklmnop';
const temporaryFolder = useTemporaryFolders();
const running: RunningWebServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function call(port: number, path: string, headers: OutgoingHttpHeaders = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method, path, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Calls an API operation as the page does, with the token header. */
async function post(port: number, operation: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${operation}`,
        agent: false,
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A root with `project/appeal.subrelay` and `project/media/appeal.mp4` (1000 bytes 0..999 mod 256), and a file outside. */
async function serve(): Promise<{ port: number; root: string; outside: string; bytes: Buffer }> {
  const base = await temporaryFolder('web-media');
  const root = join(base, 'root');
  await mkdir(join(root, 'project', 'media'), { recursive: true });
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 256));
  await writeFile(join(root, 'project', 'media', 'appeal.mp4'), bytes);
  await writeFile(join(root, 'project', 'notes.txt'), 'not media');
  const outside = join(base, 'secret.mp4');
  await writeFile(outside, 'outside the root');
  await symlink(outside, join(root, 'project', 'media', 'link.mp4'));
  const handlers = createHandlers(webHost(join(root, 'exports'), { root }));
  const server = await startWebServer({ handlers, rendererFolder: join(base, 'renderer'), port: 0, token: TOKEN });
  running.push(server);
  return { port: server.port, root, outside, bytes };
}

const query = (media: string, project: string | undefined = 'project/appeal.subrelay', token: string | null = TOKEN) =>
  `/media?${new URLSearchParams({ ...(project === undefined ? {} : { project }), media, ...(token === null ? {} : { token }) }).toString()}`;

describe('web mode media route', () => {
  it('serves a byte range with 206 and Content-Range', async () => {
    const { port, bytes } = await serve();
    const reply = await call(port, query('media/appeal.mp4'), { range: 'bytes=100-199' });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe('bytes 100-199/1000');
    expect(reply.headers['content-length']).toBe('100');
    expect(reply.headers['content-type']).toBe('video/mp4');
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(reply.body.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await call(port, query('media/appeal.mp4'), { range: 'bytes=-10' });
    expect(tail.headers['content-range']).toBe('bytes 990-999/1000');
    expect(tail.body.equals(bytes.subarray(990))).toBe(true);
  });

  it('serves the whole file with 200 without a range, and 416 for a range past the end', async () => {
    const { port, bytes } = await serve();
    const whole = await call(port, query('media/appeal.mp4'));
    expect(whole.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    const past = await call(port, query('media/appeal.mp4'), { range: 'bytes=5000-' });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */1000');
  });

  it('takes the token from the header as well as the query, and refuses a request without it', async () => {
    const { port } = await serve();
    expect((await call(port, query('media/appeal.mp4', 'project/appeal.subrelay', null))).status).toBe(401);
    expect(await call(port, query('media/appeal.mp4', 'project/appeal.subrelay', 'wrong'))).toMatchObject({
      status: 401,
    });
    const header = await call(port, query('media/appeal.mp4', 'project/appeal.subrelay', null), {
      [TOKEN_HEADER]: TOKEN,
    });
    expect(header.status).toBe(200);
  });

  it('refuses another Host or Origin, as every route does', async () => {
    const { port } = await serve();
    expect((await call(port, query('media/appeal.mp4'), { host: `evil.example:${port}` })).status).toBe(403);
    expect((await call(port, query('media/appeal.mp4'), { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses media outside the root, through .. or a symlink, and files that are not media', async () => {
    const { port, outside } = await serve();
    expect((await call(port, query('../../secret.mp4'))).status).toBe(403);
    expect((await call(port, query(outside, undefined))).status).toBe(403);
    const link = await call(port, query('media/link.mp4'));
    expect(link.status).toBe(403);
    expect(link.body.toString()).not.toContain('outside the root');
    expect((await call(port, query('notes.txt'))).status).toBe(404);
  });

  it('mediaUrl gives the route with the token, which a <video> can load as it is', async () => {
    const { port, bytes } = await serve();
    const answer = await post(port, 'mediaUrl', { projectPath: 'project/appeal.subrelay', media: 'media/appeal.mp4' });
    expect(answer).toEqual({
      ok: true,
      value: { url: `./media?project=project%2Fappeal.subrelay&media=media%2Fappeal.mp4&token=${TOKEN}` },
    });
    const url = new URL((answer as { value: { url: string } }).value.url, `http://127.0.0.1:${port}/`);
    const reply = await call(port, `${url.pathname}${url.search}`, { range: 'bytes=0-9' });
    expect(reply.status).toBe(206);
    expect(reply.body.equals(bytes.subarray(0, 10))).toBe(true);
    expect(
      await post(port, 'mediaUrl', { projectPath: 'project/appeal.subrelay', media: 'media/gone.mp4' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await post(port, 'mediaUrl', { projectPath: null, media: '../secret.mp4' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('answers 404 for missing media', async () => {
    const { port } = await serve();
    expect((await call(port, query('media/gone.mp4'))).status).toBe(404);
  });

  it('reads ranges as RFC 9110 says', () => {
    expect(parseRange(undefined, 10)).toBe('none');
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=2-100', 10)).toEqual({ start: 2, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,4-5', 10)).toBe('none');
  });
});

describe('checkMedia and attachMedia', () => {
  it('reports missing media as a problem, not a failure, with the path to store', async () => {
    const root = await temporaryFolder('check-media');
    await mkdir(join(root, 'project'), { recursive: true });
    await writeFile(join(root, 'project', 'clip.wav'), 'RIFF');
    const handlers = createHandlers(webHost(join(root, 'exports'), { root }));
    const found = await handlers.checkMedia({ projectPath: 'project/p.subrelay', media: 'clip.wav' });
    expect(found).toMatchObject({
      found: true,
      path: join(root, 'project', 'clip.wav'),
      reference: 'clip.wav',
      sizeBytes: 4,
    });
    const missing = await handlers.checkMedia({ projectPath: 'project/p.subrelay', media: 'gone.mp4' });
    expect(missing).toMatchObject({ found: false, problem: { code: 'media-missing' } });
    // Attaching stores the path relative to the project file, with "/" between folders.
    const attached = await handlers.attachMedia({
      projectPath: join(root, 'project', 'p.subrelay'),
      media: join(root, 'project', 'clip.wav'),
    });
    expect(attached).toMatchObject({ found: true, reference: 'clip.wav' });
    await expect(handlers.attachMedia({ projectPath: null })).rejects.toMatchObject({
      problem: { code: 'needs-path' },
    });
  });

  it('on the desktop, reads only media chosen in a dialog or inside a granted project’s folder', async () => {
    const root = await temporaryFolder('desktop-media');
    await mkdir(join(root, 'project'), { recursive: true });
    await writeFile(join(root, 'project', 'p.subrelay'), '{}');
    await writeFile(join(root, 'project', 'clip.wav'), 'RIFF');
    await writeFile(join(root, 'elsewhere.wav'), 'RIFF');
    const granted = new Set([join(root, 'project', 'p.subrelay')]);
    let asked = 0;
    const handlers = createHandlers(
      webHost(join(root, 'exports'), {
        mode: 'electron',
        isGrantedPath: (path) => granted.has(path),
        askMediaPath: async () => {
          asked++;
          return join(root, 'elsewhere.wav');
        },
      }),
    );
    const project = join(root, 'project', 'p.subrelay');
    expect(await handlers.checkMedia({ projectPath: project, media: 'clip.wav' })).toMatchObject({ found: true });
    await expect(handlers.checkMedia({ projectPath: project, media: '../elsewhere.wav' })).rejects.toMatchObject({
      problem: { code: 'needs-dialog' },
    });
    await expect(
      handlers.checkMedia({ projectPath: join(root, 'other.subrelay'), media: 'project/clip.wav' }),
    ).rejects.toMatchObject({
      problem: { code: 'needs-dialog' },
    });
    const attached = await handlers.attachMedia({ projectPath: project });
    expect(asked).toBe(1);
    expect(attached).toMatchObject({ found: true, reference: '../elsewhere.wav' });
    expect(await handlers.checkMedia({ projectPath: project, media: '../elsewhere.wav' })).toMatchObject({
      found: true,
    });
  });
});
