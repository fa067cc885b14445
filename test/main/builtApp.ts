import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './support';

/**
 * Builds the app into out/ when the sources are newer, once across test files running in parallel.
 *
 * `npm test` runs these tests before its own build, and several test files
 * need `out/` (the desktop smoke test, packaging, the launcher); two
 * electron-vite builds writing out/ at once would trip each other up, so a
 * lock folder lets one build while the others wait.
 */
export async function buildAppOnce(): Promise<void> {
  const lock = join(repoRoot, 'out.build-lock');
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A lock older than five minutes was left by a killed run.
      if (Date.now() - started > 300_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    const build = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import('./main/bin/build.js').then((m) => m.buildIfStale({ quiet: true }))"],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error(`the build failed with ${build.status}`);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
