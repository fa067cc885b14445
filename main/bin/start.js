#!/usr/bin/env node
// `npm start`: builds the app, then runs it in Electron, or in the web mode where Electron cannot run.
import { spawn, spawnSync } from 'node:child_process';
import { buildIfStale, root } from './build.js';

/**
 * Finds Electron's binary, letting the electron package download it on first use.
 *
 * Electron 42 and later fetch the binary the first time `require('electron')`
 * runs, not at install; on a machine without internet that fails. Runs in a
 * child process so that the download's own output and stack traces stay out
 * of the user's way; returns the binary's path or the reason it is missing.
 */
function findElectron() {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n@@' + require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  const marker = result.stdout?.lastIndexOf('\n@@') ?? -1;
  if (result.status === 0 && marker >= 0) return { path: result.stdout.slice(marker + 3) };
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const cause =
    /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|certificate|HTTPError[^\n]*)/u.exec(text);
  return { reason: cause ? `download failed: ${cause[1]}` : 'download failed' };
}

function startWebMode(why) {
  console.log(`Subrelay: ${why}; starting the web mode instead.`);
  const child = spawn(process.execPath, ['main/bin/web.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

buildIfStale({ quiet: true });

const electron = findElectron();
if (electron.path === undefined) {
  startWebMode(`Electron's binary is not installed and could not be fetched (${electron.reason})`);
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  startWebMode('there is no display to open a window on (DISPLAY is not set)');
} else {
  const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('error', (error) => startWebMode(`Electron could not be started (${error.message})`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
