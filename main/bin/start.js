#!/usr/bin/env node
// `npm start`: builds the app, then runs it in Electron, or in the web mode where Electron cannot run.
//
// Whatever this launcher starts (the first-launch download, Electron) ends with it: SIGINT, SIGTERM and
// SIGHUP are passed on, the download's process group is killed and its folder removed. The web mode runs
// inside this process, so no server can outlive it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './build.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** A download that has shown no progress for this long has stalled and is given up. */
const STALL_MS = 2 * 60 * 1000;

/**
 * Whether Electron's output says that Chromium's sandbox could not start, so Electron aborted.
 *
 * Two messages: the SUID helper is not root-owned with mode 4755 (Electron run from node_modules), and
 * "No usable sandbox!" where AppArmor forbids unprivileged user namespaces (Ubuntu 23.10 and later).
 */
export function isSandboxAbort(text) {
  return /SUID sandbox helper binary|chrome-sandbox is owned by root and has mode 4755|No usable sandbox!/u.test(text);
}

/** The one line that says what to do about the sandbox; `--no-sandbox` is never the advice. */
export function sandboxAdvice(electronPath) {
  const helper = join(dirname(electronPath), 'chrome-sandbox');
  return (
    "Electron's sandbox cannot start on this system (AppArmor restricts unprivileged user namespaces, as on Ubuntu 23.10 and later): " +
    `install Subrelay's .deb or AppImage, which set the sandbox up, or run \`sudo chown root:root ${helper} && sudo chmod 4755 ${helper}\``
  );
}

/** The web mode's own options among the launcher's arguments; Electron's (a file to open) are left out. */
export function webModeArguments(argv) {
  const kept = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (/^--(port|root)=/u.test(argument)) kept.push(argument);
    else if ((argument === '--port' || argument === '--root') && index + 1 < argv.length) {
      kept.push(argument, argv[index + 1]);
      index++;
    }
  }
  return kept;
}

function say(line) {
  console.log(`Subrelay: ${line}`);
}

/** Everything this launcher has started and must not leave behind. */
const running = { child: undefined, group: false, folder: undefined, ending: false };

function cleanUpFolder() {
  if (running.folder !== undefined) rmSync(running.folder, { recursive: true, force: true });
  running.folder = undefined;
}

function killRunning(signal) {
  const { child } = running;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // A download runs in a group of its own, so its helpers (install.js, the unzipper) go with it.
    if (running.group && process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

function onSignal(signal) {
  if (running.ending) return;
  running.ending = true;
  const code = 128 + (SIGNAL_NUMBERS[signal] ?? 15);
  const { child } = running;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
    cleanUpFolder();
    process.exit(code);
  }
  killRunning(signal);
  // Electron gets a moment to close its windows; a download is killed outright.
  const grace = setTimeout(() => killRunning('SIGKILL'), running.group ? 0 : 5000);
  child.once('exit', () => {
    clearTimeout(grace);
    cleanUpFolder();
    process.exit(code);
  });
}

function listenForSignals() {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', () => {
    killRunning('SIGKILL');
    cleanUpFolder();
  });
}

function stopListeningForSignals() {
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Runs a child, collecting its output; resolves with its exit status and what it printed. */
function runChild(command, args, { group = false, onStdoutLine, onStderr } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: group && process.platform !== 'win32',
    });
    running.child = child;
    running.group = group;
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      stdout += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onStdoutLine?.(line);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
      onStderr?.(chunk);
    });
    child.on('error', (error) => resolve({ status: null, signal: null, stdout, stderr, error }));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

function electronPackageFolder() {
  return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
}

/** Electron's binary when it is there (or ELECTRON_OVERRIDE_DIST_PATH names one), else undefined. */
function installedElectron() {
  const folder = electronPackageFolder();
  const pathFile = join(folder, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, name || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  if (name === undefined) return undefined;
  const binary = join(folder, 'dist', name);
  return existsSync(binary) ? binary : undefined;
}

function describeFailure(text) {
  const cause =
    /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|certificate|HTTPError[^\n]*|Response code \d+[^\n]*|checksum[^\n]*)/iu.exec(
      text,
    );
  return cause ? `download failed: ${cause[1]}` : 'download failed';
}

function megabytes(bytes) {
  return `${Math.round(bytes / 1e6)} MB`;
}

/**
 * Downloads Electron's binary on first launch, showing progress; the download ends with the launcher.
 *
 * Electron 42 and later fetch the binary on first use, not at install. The zip is fetched by
 * `electronDownload.js` into Electron's cache, then unpacked by Electron's own `install.js`.
 */
async function downloadElectron() {
  const { version } = JSON.parse(readFileSync(join(electronPackageFolder(), 'package.json'), 'utf8'));
  say(`downloading Electron ${version} for the first launch (about 100 MB; Ctrl+C cancels)…`);
  running.folder = mkdtempSync(join(tmpdir(), 'subrelay-electron-'));
  const tty = process.stdout.isTTY === true;
  let lastTenth = -1;
  let stalled;
  const watchdog = () => {
    clearTimeout(stalled);
    stalled = setTimeout(() => killRunning('SIGKILL'), STALL_MS);
  };
  watchdog();
  let stall = false;
  const download = await runChild(
    process.execPath,
    [join(root, 'main', 'bin', 'electronDownload.js'), running.folder],
    {
      group: true,
      onStdoutLine: (line) => {
        const match = /^@@progress (\d+) (\d+)$/u.exec(line);
        if (match === null) return;
        watchdog();
        const [transferred, total] = [Number(match[1]), Number(match[2])];
        const text =
          total > 0
            ? `downloading Electron: ${Math.floor((transferred / total) * 100)} % of ${megabytes(total)}`
            : `downloading Electron: ${megabytes(transferred)}`;
        if (tty) process.stdout.write(`\rSubrelay: ${text}   `);
        else {
          const tenth = total > 0 ? Math.floor((transferred / total) * 10) : Math.floor(transferred / 10e6);
          if (tenth !== lastTenth) say(text);
          lastTenth = tenth;
        }
      },
    },
  );
  clearTimeout(stalled);
  stall = download.signal === 'SIGKILL' && !running.ending;
  if (tty) process.stdout.write('\n');
  cleanUpFolder();
  if (download.status !== 0) {
    return { reason: stall ? 'download stalled' : describeFailure(`${download.stderr}\n${download.stdout}`) };
  }
  const unpack = await runChild(process.execPath, [join(electronPackageFolder(), 'install.js')], { group: true });
  if (unpack.status !== 0) return { reason: `unpacking failed: ${unpack.stderr.trim().split('\n')[0] ?? ''}` };
  const path = installedElectron();
  return path === undefined ? { reason: 'unpacking failed' } : { path };
}

async function startWebMode(why) {
  say(`${why}; starting the web mode instead.`);
  stopListeningForSignals();
  const { register } = await import('tsx/esm/api');
  register();
  const { runWebMode } = await import('../web/run.ts');
  try {
    // Runs in this process: SIGINT and SIGTERM close its server, and nothing outlives the launcher.
    await runWebMode(webModeArguments(process.argv.slice(2)));
  } catch (error) {
    console.error(`subrelay: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** Runs Electron, passing its output through; on Linux, watches it for the sandbox abort. */
async function runElectron(electronPath) {
  const watchSandbox = process.platform === 'linux';
  let seen = '';
  const child = spawn(electronPath, ['.', ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['inherit', 'inherit', watchSandbox ? 'pipe' : 'inherit'],
  });
  running.child = child;
  running.group = false;
  child.stderr?.on('data', (chunk) => {
    seen = (seen + chunk.toString()).slice(-8192);
    // Chromium's own FATAL lines about the sandbox are replaced by one line of advice below.
    if (!isSandboxAbort(seen)) process.stderr.write(chunk);
  });
  const outcome = await new Promise((resolve) => {
    child.on('error', (error) => resolve({ error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  running.child = undefined;
  if (running.ending) return;
  if (outcome.error !== undefined) {
    await startWebMode(`Electron could not be started (${outcome.error.message})`);
  } else if (watchSandbox && isSandboxAbort(seen)) {
    await startWebMode(sandboxAdvice(electronPath));
  } else {
    process.exit(outcome.code ?? (outcome.signal ? 1 : 0));
  }
}

async function main() {
  listenForSignals();
  buildIfStale({ quiet: true });
  let electronPath = installedElectron();
  if (electronPath === undefined) {
    const download = await downloadElectron();
    if (running.ending) return;
    if (download.path === undefined) {
      await startWebMode(`Electron's binary is not installed and could not be fetched (${download.reason})`);
      return;
    }
    electronPath = download.path;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    await startWebMode('there is no display to open a window on (DISPLAY is not set)');
    return;
  }
  await runElectron(electronPath);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
