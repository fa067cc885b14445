import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { root } from './webMode';

/** Electron's binary, if this machine has one (Electron 42+ downloads it on first launch). */
function electronBinary(): string | undefined {
  const folder = join(root, 'node_modules', 'electron');
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);
const reason =
  binary === undefined
    ? 'Electron’s binary is not installed on this machine (it is fetched on first launch and this machine cannot download it)'
    : 'there is no display (run under xvfb-run)';

test('the desktop app opens the sample project in a secure window', async () => {
  if (binary === undefined || !hasDisplay) console.log(`Skipping the Electron test: ${reason}.`);
  test.skip(binary === undefined || !hasDisplay, reason);
  // A data folder of its own: the single-instance lock and the journals are per data folder.
  const home = mkdtempSync(join(tmpdir(), 'subrelay-electron-e2e-'));
  const app = await electron.launch({
    ...(binary !== undefined ? { executablePath: binary } : {}),
    args: [root],
    cwd: root,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('columnheader', { name: '한국어' })).toBeVisible();
  await expect(window.getByRole('textbox', { name: 'English, segment 1' })).toHaveValue(
    'My brothers, you and I are from the same people,',
  );
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(window.url()).toMatch(/^app:\/\/subrelay\//u);
  await app.close();
  rmSync(home, { recursive: true, force: true });
});
