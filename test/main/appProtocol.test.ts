import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../main/appProtocol';
import { useTemporaryFolders } from './support';

const temporaryFolder = useTemporaryFolders();

/** What Electron's net.fetch does for file: URLs, enough for these tests. */
async function readFileUrl(fileUrl: string): Promise<Response> {
  try {
    return new Response(await readFile(fileURLToPath(fileUrl)), {
      status: 200,
      headers: { 'Content-Type': 'text/html' },
    });
  } catch {
    return new Response('missing', { status: 404 });
  }
}

async function renderer(): Promise<string> {
  const root = join(await temporaryFolder('app'), 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Subrelay</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  return root;
}

describe('the app:// protocol', () => {
  it('serves the renderer with a strict Content-Security-Policy header', async () => {
    const root = await renderer();
    const response = await serveAppRequest('app://subrelay/index.html', root, readFileUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Subrelay</title>');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/style-src 'self' 'nonce-[\w+/=]{24}'/u);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect((await serveAppRequest('app://subrelay/', root, readFileUrl)).status).toBe(200);
    expect((await serveAppRequest('app://subrelay/assets/app.js', root, readFileUrl)).status).toBe(200);
  });

  it.each([
    'app://subrelay/../secret.txt',
    'app://subrelay/%2e%2e/secret.txt',
    'app://subrelay/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://subrelay/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', async (url) => {
    const root = await renderer();
    await writeFile(join(root, '..', 'secret.txt'), 'secret');
    const response = await serveAppRequest(url, root, readFileUrl);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });
});
