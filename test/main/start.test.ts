import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { buildAppOnce } from './builtApp';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
const folders: string[] = [];
const servers: Server[] = [];

// The launcher builds when the sources are newer; build first, once, so its tests time the launcher alone.
beforeAll(buildAppOnce, 300_000);

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
    }
  }
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function temporaryFolder(label: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), `subrelay-start-${label}-`));
  folders.push(folder);
  return folder;
}

function electronBinaryPresent(): boolean {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  return (
    existsSync(pathFile) && existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8')))
  );
}

/** The environment with no display and no leftovers of the caller's Electron settings. */
function baseEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => key !== 'DISPLAY' && key !== 'WAYLAND_DISPLAY' && !/^ELECTRON_|^electron_/u.test(key),
    ),
  );
}

interface Launched {
  readonly child: ChildProcess;
  /** The HOME it ran with; TMPDIR is its `tmp` folder. */
  readonly home: string;
  output(): string;
  /** Resolves with the output once `pattern` appears in it. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs one of the package's bin scripts with a fresh HOME (and TMPDIR), as a user would. */
async function launch(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Launched> {
  const home = await temporaryFolder('home');
  await mkdir(join(home, 'tmp'));
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...baseEnvironment(), HOME: home, TMPDIR: join(home, 'tmp'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(output);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    home,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise<string>((resolve, reject) => {
        if (pattern.test(output)) {
          resolve(output);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within 120 s:\n${output}`)), 120_000);
        waiters.push({ pattern, resolve: (text) => (clearTimeout(timer), resolve(text)) });
        void exited.then(({ code }) => {
          clearTimeout(timer);
          if (!pattern.test(output)) reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
        });
      }),
  };
}

const WEB_LINE = /Subrelay web mode: http:\/\/127\.0\.0\.1:(\d+)\/\?token=[\w-]{20,}\n/u;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Whether something still accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A stand-in for Electron's binary: a script named `electron` in a folder that
 * ELECTRON_OVERRIDE_DIST_PATH (Electron's own override) points the launcher at.
 */
async function fakeElectron(body: string): Promise<string> {
  const folder = await temporaryFolder('fake-electron');
  const binary = join(folder, 'electron');
  await writeFile(binary, `#!${process.execPath}\n${body}\n`);
  await chmod(binary, 0o755);
  return folder;
}

describe('npm start without Electron’s binary', () => {
  const present = electronBinaryPresent();
  it.skipIf(present)('says in one line why, then starts the web mode and prints its URL', async () => {
    const launched = await launch('main/bin/start.js', [], {
      ELECTRON_MIRROR: `http://127.0.0.1:${await freePort()}/`,
    });
    const output = await launched.waitFor(WEB_LINE);
    const lines = output
      .trimEnd()
      .split('\n')
      .filter((line) => line.startsWith('Subrelay'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Subrelay: downloading Electron [\d.]+ for the first launch/u);
    expect(lines[1]).toMatch(
      /^Subrelay: Electron's binary is not installed and could not be fetched \(.+\); starting the web mode instead\.$/u,
    );
    expect(lines[2]).toMatch(/^Subrelay web mode: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/u);
    expect(output).not.toMatch(/\n\s+at /u);
  });
  if (present) console.warn('Skipping the no-binary start test: this machine has Electron’s binary.');

  it('leaves no web-mode server behind when the launcher is ended with SIGTERM', async () => {
    const port = await freePort();
    const launched = await launch('main/bin/start.js', ['--port', String(port)], {
      ELECTRON_OVERRIDE_DIST_PATH: await fakeElectron('process.exit(0)'),
    });
    await launched.waitFor(WEB_LINE);
    expect(await listening(port)).toBe(true);
    launched.child.kill('SIGTERM');
    await launched.exited;
    expect(await listening(port)).toBe(false);
  });
});

describe('the first-launch download', () => {
  it('shows progress, and ends with the launcher: connection dropped, folder removed', async () => {
    const total = 100_000_000;
    let requested = '';
    let sent = 0;
    const aborted = new Promise<void>((resolveAborted) => {
      const server = createHttpServer((request, response) => {
        requested = request.url ?? '';
        response.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(total) });
        const timer = setInterval(() => {
          response.write(Buffer.alloc(2_000_000));
          sent += 2_000_000;
        }, 100);
        response.on('close', () => {
          clearInterval(timer);
          resolveAborted();
        });
      });
      servers.push(server);
      server.listen(0, '127.0.0.1');
    });
    const server = servers.at(-1)!;
    await new Promise((resolve) => (server.listening ? resolve(undefined) : server.once('listening', resolve)));
    const { port } = server.address() as { port: number };
    const cache = await temporaryFolder('cache');
    const launched = await launch('main/bin/start.js', [], {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: cache,
    });
    const output = await launched.waitFor(/Subrelay: downloading Electron: [1-9]\d? % of 100 MB\n/u);
    expect(output).toMatch(/^Subrelay: downloading Electron [\d.]+ for the first launch/mu);
    expect(requested).toMatch(/^\/v[\d.]+\/electron-v[\d.]+-\w+-\w+\.zip$/u);
    launched.child.kill('SIGTERM');
    expect(await launched.exited).toEqual({ code: 143, signal: null });
    await aborted;
    expect(sent).toBeLessThan(total);
    // The download folder went with the launcher, and nothing reached Electron's cache.
    expect(await readdir(join(launched.home, 'tmp'))).toEqual([]);
    expect(await readdir(cache)).toEqual([]);
  });
});

const SANDBOX_ABORT =
  '[4242:0517/101010.123456:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. ' +
  "Rather than run without sandboxing I'm aborting now. You need to make sure that /opt/electron/chrome-sandbox is owned by root and has mode 4755.";

const NO_USABLE_SANDBOX =
  '[4242:0517/101010.123456:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! If you are running on Ubuntu 23.10+ or another Linux distro ' +
  'that has disabled unprivileged user namespaces with AppArmor, see https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md. ' +
  'If you want to live dangerously and need an immediate workaround, you can try using --no-sandbox.';

describe.skipIf(process.platform !== 'linux')('npm start on Linux where Chromium’s sandbox aborts', () => {
  it.each([
    ['the SUID helper is not root-owned with mode 4755', SANDBOX_ABORT],
    ['AppArmor forbids user namespaces', NO_USABLE_SANDBOX],
  ])('%s: one line of advice, never --no-sandbox, then the web mode', async (_case, message) => {
    // Electron prints Chromium's FATAL line, then dies of SIGTRAP ("Trace/breakpoint trap").
    const folder = await fakeElectron(
      `process.stderr.write(${JSON.stringify(`${message}
`)}); process.kill(process.pid, 'SIGTRAP');`,
    );
    const launched = await launch('main/bin/start.js', [], { ELECTRON_OVERRIDE_DIST_PATH: folder, DISPLAY: ':99' });
    const output = await launched.waitFor(WEB_LINE);
    const advice = output.split('\n').filter((line) => line.startsWith('Subrelay: '));
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatch(/sandbox/u);
    expect(advice[0]).toMatch(/AppArmor/u);
    expect(advice[0]).toContain(`chmod 4755 ${join(folder, 'chrome-sandbox')}`);
    expect(advice[0]).toMatch(/; starting the web mode instead\.$/u);
    expect(output).not.toContain('--no-sandbox');
    expect(output).not.toContain('FATAL');
  });

  it('passes other Electron errors through and exits with Electron’s code', async () => {
    const folder = await fakeElectron(
      "process.stderr.write('something else went wrong\\n'); process.stdout.write(JSON.stringify(process.argv.slice(2)) + '\\n'); process.exit(3);",
    );
    const launched = await launch('main/bin/start.js', ['project.subrelay'], {
      ELECTRON_OVERRIDE_DIST_PATH: folder,
      DISPLAY: ':99',
    });
    expect(await launched.exited).toEqual({ code: 3, signal: null });
    expect(launched.output()).toContain('something else went wrong');
    expect(launched.output()).toContain('[".","project.subrelay"]');
    expect(launched.output()).not.toContain('web mode');
  });

  it('passes SIGTERM on to Electron and waits for it to close', async () => {
    const marker = join(await temporaryFolder('marker'), 'got-sigterm');
    const folder = await fakeElectron(
      `process.on('SIGTERM', () => { require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes'); process.exit(0); });` +
        "console.log('fake electron ready'); setInterval(() => {}, 1000);",
    );
    const launched = await launch('main/bin/start.js', [], { ELECTRON_OVERRIDE_DIST_PATH: folder, DISPLAY: ':99' });
    await launched.waitFor(/fake electron ready/u);
    launched.child.kill('SIGTERM');
    expect(await launched.exited).toEqual({ code: 143, signal: null });
    expect(await readFile(marker, 'utf8')).toBe('yes');
  });
});

describe('npm run web', () => {
  it('listens on the port it is given', async () => {
    const port = await freePort();
    const output = await (await launch('main/bin/web.js', ['--port', String(port)])).waitFor(WEB_LINE);
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
