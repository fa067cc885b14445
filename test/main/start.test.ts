import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
const homes: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

function electronBinaryPresent(): boolean {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  return (
    existsSync(pathFile) && existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8')))
  );
}

/** Runs one of the package's bin scripts until it prints the web mode's line. */
async function runUntilWebLine(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'subrelay-start-'));
  homes.push(home);
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...env, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no web mode line within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/Subrelay web mode: http:\/\/\S+\n/u.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const environment = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'DISPLAY' && key !== 'WAYLAND_DISPLAY'),
);

describe('npm start without Electron’s binary', () => {
  const present = electronBinaryPresent();
  it.skipIf(present)('says in one line why, then starts the web mode and prints its URL', async () => {
    const output = await runUntilWebLine('main/bin/start.js', [], environment);
    const lines = output
      .trimEnd()
      .split('\n')
      .filter((line) => line.startsWith('Subrelay'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^Subrelay: Electron's binary is not installed and could not be fetched \(.+\); starting the web mode instead\.$/u,
    );
    expect(lines[1]).toMatch(/^Subrelay web mode: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/u);
    expect(output).not.toMatch(/\n\s+at /u);
  });
  if (present) console.warn('Skipping the no-binary start test: this machine has Electron’s binary.');
});

describe('npm run web', () => {
  it('listens on the port it is given', async () => {
    const port = await freePort();
    const output = await runUntilWebLine('main/bin/web.js', ['--port', String(port)], environment);
    expect(output).toContain(`Subrelay web mode: http://127.0.0.1:${port}/?token=`);
  });

  it.each([['--port'], ['--port', '0x50'], ['--port', '']])('refuses %j in one line', async (...args) => {
    const child = spawn(process.execPath, ['main/bin/web.js', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^subrelay: --port: /u);
  });

  it('refuses a port that is not a number, in one line', async () => {
    const child = spawn(process.execPath, ['main/bin/web.js', '--port', 'eighty'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('subrelay: --port: "eighty" is not a port number (0 to 65535; 0 picks a free one)');
  });
});
