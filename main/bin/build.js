// Builds the app into out/ when the sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestChange(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

/** Runs electron-vite's build unless out/ is newer than every source file. */
export function buildIfStale({ quiet = false } = {}) {
  const marker = join(root, 'out', 'renderer', 'index.html');
  if (existsSync(marker)) {
    const built = statSync(marker).mtimeMs;
    const sources = ['src', 'main', 'renderer', 'locales', 'electron.config.ts', 'package.json'].map((p) =>
      join(root, p),
    );
    if (sources.every((source) => !existsSync(source) || newestChange(source) <= built)) return;
  }
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(
    process.execPath,
    [cli, 'build', '--config', 'electron.config.ts', ...(quiet ? ['--logLevel', 'warn'] : [])],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('Subrelay: the build failed (see above).');
    process.exit(result.status ?? 1);
  }
}
