import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface WebMode {
  readonly url: string;
  readonly home: string;
  /** Removes the journals earlier tests left behind, so a test starts without a restore prompt. */
  clearJournals(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `npm run web`'s script as a user would and waits for its one line.
 *
 * HOME points at a fresh folder so the default export folder
 * (~/Subrelay/exports) is the test's own.
 */
export async function startWebMode(): Promise<WebMode> {
  const home = await mkdtemp(join(tmpdir(), 'subrelay-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['main/bin/web.js', '--port', '0'], {
    cwd: root,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Subrelay web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/u.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    home,
    clearJournals: () => rm(join(home, '.config', 'Subrelay', 'journal'), { recursive: true, force: true }),
    stop: async () => {
      child.kill('SIGTERM');
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Playwright's `test` with one web mode per worker (`web`), shared by the specs that drive the app. */
export const test = base.extend<object, { web: WebMode }>({
  web: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const web = await startWebMode();
      await use(web);
      await web.stop();
    },
    { scope: 'worker' },
  ],
});

/** Project ▸ Open… in the web mode: the path dialog, then OK. */
export async function openProject(page: Page, path: string): Promise<void> {
  await page.getByRole('toolbar').getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Open…' }).click();
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
}
