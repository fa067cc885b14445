import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder, found by walking up to its package.json.
 *
 * Works both from the TypeScript sources (run by tsx) and from the bundle
 * in `out/main`, which sit at different depths.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'samples'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('Subrelay: cannot find the package folder');
    folder = parent;
  }
}

export function samplesFolder(): string {
  return join(packageRoot(), 'samples');
}

export function rendererBuildFolder(): string {
  return join(packageRoot(), 'out', 'renderer');
}

/**
 * Where Subrelay keeps its own data (journals of unsaved work) outside Electron.
 *
 * The same places Electron's `userData` uses on each platform, so the web
 * mode and the desktop app do not mix their journals up with anyone else's.
 */
export function appDataFolder(): string {
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Subrelay');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Subrelay');
    default:
      return join(process.env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Subrelay');
  }
}
