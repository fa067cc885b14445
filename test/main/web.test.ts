import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Server, connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../main/handlers/handlers';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../main/web/server';
import type { ApiEnvelope } from '../../src/api/contract';
import { parseProject } from '../../src/model/schema';
import { useTemporaryFolders, webHost } from './support';

const TOKEN = 'test-token-0123456789abcdefghijklmnop';
const INDEX_HTML = '<!doctype html><title>Subrelay</title><script src="/assets/app.js"></script>';
const APP_JS = 'console.log("subrelay");\n';
const SECRET = 'outside the renderer folder';

const temporaryFolder = useTemporaryFolders();
const running: RunningWebServer[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Call {
  readonly method?: string;
  readonly path: string;
  /** Replaces the default Host (`127.0.0.1:<port>`) and adds the rest. */
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string;
}

/** One request with node:http, which (unlike fetch) lets a test send any Host header. */
function call(port: number, { method = 'GET', path, headers = {}, body }: Call): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method, path, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function api(port: number, operation: string, payload: unknown, headers: OutgoingHttpHeaders = {}): Promise<Reply> {
  return call(port, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: { [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

/** Starts the server on a free port with a renderer folder holding index.html and assets/app.js. */
async function start(): Promise<RunningWebServer> {
  const root = await temporaryFolder('web');
  const rendererFolder = join(root, 'renderer');
  await mkdir(join(rendererFolder, 'assets'), { recursive: true });
  await writeFile(join(rendererFolder, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererFolder, 'assets', 'app.js'), APP_JS);
  await writeFile(join(root, 'secret.txt'), SECRET);
  const handlers = createHandlers(webHost(join(root, 'exports')));
  const server = await startWebServer({ handlers, rendererFolder, token: TOKEN });
  running.push(server);
  return server;
}

function corsHeaders(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => name.startsWith('access-control-'));
}

describe('startWebServer', () => {
  it('listens on 127.0.0.1 only', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    const server = await start();
    expect(listen).toHaveBeenCalledOnce();
    expect(listen.mock.calls[0]?.[1]).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    expect(server.token).toBe(TOKEN);

    if (process.platform === 'linux') {
      // Every 127/8 address reaches the loopback interface on Linux, so a server
      // on 0.0.0.0 would answer here; one on 127.0.0.1 refuses.
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.2', port: server.port });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });

  it('makes a fresh random token when none is given', async () => {
    const handlers = createHandlers(webHost(await temporaryFolder('web')));
    const first = await startWebServer({ handlers, rendererFolder: await temporaryFolder('web') });
    const second = await startWebServer({ handlers, rendererFolder: await temporaryFolder('web') });
    running.push(first, second);
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(first.token).not.toBe(second.token);
  });

  it('serves index.html at / with a strict Content-Security-Policy and no CORS headers', async () => {
    const { port } = await start();
    const reply = await call(port, { path: '/' });
    expect(reply.status).toBe(200);
    // The page as built, with this response's style nonce for the waveform's shadow-root styles.
    const nonce = /<meta property="csp-nonce" nonce="([\w+/=]{24})" \/>/u.exec(reply.body)?.[1];
    expect(nonce).toBeDefined();
    expect(reply.body.replace(/<meta property="csp-nonce"[^>]*>/u, '')).toBe(INDEX_HTML);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = reply.headers['content-security-policy'] ?? '';
    expect(policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
    const again = await call(port, { path: '/' });
    expect(again.headers['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(corsHeaders(reply.headers)).toEqual([]);
  });

  it('serves assets with their content type', async () => {
    const { port } = await start();
    const reply = await call(port, { path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(APP_JS);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file and a folder', async () => {
    const { port } = await start();
    expect((await call(port, { path: '/nothing.js' })).status).toBe(404);
    expect((await call(port, { path: '/assets' })).status).toBe(404);
  });

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
  ])('does not serve %s from outside the renderer folder', async (path) => {
    const { port } = await start();
    const reply = await call(port, { path });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('root:');
    expect(reply.body).not.toContain(SECRET);
  });

  it('refuses an API call without the token', async () => {
    const { port } = await start();
    const reply = await call(port, {
      method: 'POST',
      path: '/api/listSamples',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('kursk-appeal');
  });

  it.each([
    ['the same length', `${TOKEN.slice(0, -1)}X`],
    ['a shorter length', TOKEN.slice(0, 8)],
    ['a longer length', `${TOKEN}x`],
    ['no characters', ''],
  ])('refuses a wrong token of %s', async (_label, token) => {
    const { port } = await start();
    const reply = await api(port, 'listSamples', {}, { [TOKEN_HEADER]: token });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('kursk-appeal');
  });

  it('answers an API call with the right token with an ok envelope', async () => {
    const { port } = await start();
    const reply = await api(port, 'listSamples', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(corsHeaders(reply.headers)).toEqual([]);
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      value: { samples: [{ id: 'kursk-appeal', title: 'Kursk appeal' }] },
    });
  });

  it('answers openProject with the file as written, or as validated when reading it changed something', async () => {
    const { port } = await start();
    const folder = await temporaryFolder('projects');
    const text = await readFile(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8');
    const sessionId = '0b6f4e0a-1c1e-4d7e-9a52-2f6f0d3c9a11';
    const open = async (name: string, content: string): Promise<Reply> => {
      const path = join(folder, name);
      await writeFile(path, content);
      return api(port, 'openProject', { path, sessionId });
    };

    // A current project: the answer carries the file's own bytes, and means exactly the project read from them.
    const current = await open('current.subrelay', text);
    expect(current.body).toContain(text.trimEnd());
    const answered = JSON.parse(current.body) as { ok: boolean; value: { project: unknown; name: string } };
    expect(answered.ok).toBe(true);
    expect(answered.value.name).toBe('current.subrelay');
    expect(answered.value.project).toEqual(parseProject(text));

    // With a byte order mark: the mark is not sent (it would not be JSON there).
    const marked = await open('marked.subrelay', `\uFEFF${text}`);
    expect(marked.body).not.toContain('\uFEFF');
    expect((JSON.parse(marked.body) as { value: { project: unknown } }).value.project).toEqual(parseProject(text));

    // An older format is migrated on reading: the answer is the migrated project, not the file.
    const old = await readFile(new URL('../fixtures/kursk-appeal.v2.subrelay', import.meta.url), 'utf8');
    const migrated = await open('old.subrelay', old);
    const project = (JSON.parse(migrated.body) as { value: { project: { version: number } } }).value.project;
    expect(project).toEqual(parseProject(old));
    expect(project.version).not.toBe((JSON.parse(old) as { version: number }).version);
  });

  it('answers an unknown operation with a not-found envelope', async () => {
    const { port } = await start();
    const reply = await api(port, 'deleteEverything', {});
    expect(reply.status).toBe(200);
    expect((JSON.parse(reply.body) as ApiEnvelope<unknown>).ok).toBe(false);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'not-found' } });
  });

  it('refuses a foreign Host even with the token (DNS rebinding)', async () => {
    const { port } = await start();
    const apiReply = await api(port, 'listSamples', {}, { host: `evil.example:${port}` });
    expect(apiReply.status).toBe(403);
    expect(apiReply.body).not.toContain('kursk-appeal');
    expect((await call(port, { path: '/', headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await call(port, { path: '/', headers: { host: '127.0.0.1' } })).status).toBe(403);
    expect((await call(port, { path: '/', headers: { host: `127.0.0.1:${port + 1}` } })).status).toBe(403);
  });

  it('accepts localhost:<port> as the Host', async () => {
    const { port } = await start();
    expect((await api(port, 'listSamples', {}, { host: `localhost:${port}` })).status).toBe(200);
    expect((await call(port, { path: '/', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it.each(['http://evil.example', 'null', 'https://127.0.0.1:PORT', 'http://127.0.0.1:PORT.evil.example'])(
    'refuses the Origin %s even with the token',
    async (originPattern) => {
      const { port } = await start();
      const origin = originPattern.replace('PORT', String(port));
      const reply = await api(port, 'listSamples', {}, { origin });
      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain('kursk-appeal');
      expect(corsHeaders(reply.headers)).toEqual([]);
    },
  );

  it('accepts its own Origin', async () => {
    const { port } = await start();
    expect((await api(port, 'listSamples', {}, { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect(
      (await api(port, 'listSamples', {}, { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status,
    ).toBe(200);
  });

  it('answers 405 to a GET on the API, even with the token', async () => {
    const { port } = await start();
    const reply = await call(port, { path: '/api/listSamples', headers: { [TOKEN_HEADER]: TOKEN } });
    expect(reply.status).toBe(405);
  });

  it('answers 405 to a POST outside the API', async () => {
    const { port } = await start();
    expect((await call(port, { method: 'POST', path: '/', body: '{}' })).status).toBe(405);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers 415 to an API call sent as %s',
    async (contentType) => {
      const { port } = await start();
      const reply = await api(port, 'listSamples', {}, { 'content-type': contentType });
      expect(reply.status).toBe(415);
    },
  );

  it('answers 415 to an API call without a content type', async () => {
    const { port } = await start();
    const reply = await call(port, {
      method: 'POST',
      path: '/api/listSamples',
      headers: { [TOKEN_HEADER]: TOKEN },
      body: '{}',
    });
    expect(reply.status).toBe(415);
  });

  it('answers 400 to malformed JSON', async () => {
    const { port } = await start();
    const reply = await call(port, {
      method: 'POST',
      path: '/api/listSamples',
      headers: { [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(reply.status).toBe(400);
  });

  it('answers an invalid payload with an invalid-request envelope', async () => {
    const { port } = await start();
    const reply = await api(port, 'openSample', { id: '../../etc/passwd' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('sends no CORS headers to a preflight', async () => {
    const { port } = await start();
    const preflight = (origin: string): Promise<Reply> =>
      call(port, {
        method: 'OPTIONS',
        path: '/api/listSamples',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': `${TOKEN_HEADER}, content-type`,
        },
      });
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port}`]) {
      const reply = await preflight(origin);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(corsHeaders(reply.headers)).toEqual([]);
    }
  });

  it('stops accepting connections once closed', async () => {
    const server = await start();
    await server.close();
    running.splice(running.indexOf(server), 1);
    await expect(call(server.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('answers a malformed percent-escape with 404, not 500', async () => {
    const { port } = await start();
    const reply = await call(port, { path: '/%E0%A4%A' });
    expect(reply.status).toBe(404);
  });
});
