import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['main/bin/web.js', '--port', '0', '--root', '/tmp/uitry/root'], { cwd: '/work/main', env: { ...process.env, HOME: '/tmp/uitry/home' } });
let out = '';
const url = await new Promise((res) => { const on = (c) => { out += c; const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out); if (m) res(m[1]); }; child.stdout.on('data', on); child.stderr.on('data', on); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(url);
await page.getByRole('textbox', { name: 'English, segment 1', exact: true }).waitFor();
for (const file of [process.argv[2]]) {
await page.getByRole('toolbar').getByRole('button', { name: 'Project' }).click();
await page.getByRole('menuitem', { name: 'Open…' }).click();
await page.getByRole('textbox', { name: 'Project file path' }).fill(file);
const t0 = Date.now();
await page.getByRole('button', { name: 'OK' }).click();
const dlg = page.getByRole('dialog');
await page.waitForFunction(() => document.querySelector('textarea[data-cell="c1:en"]') !== null, null, { timeout: 300000 }).catch(e => console.log('wait failed', e.message));
console.log('opened in', Date.now() - t0, 'ms; dialogs:', await dlg.count(), await page.getByRole('alert').allTextContents(), await page.getByRole('status').allTextContents());
console.log('textareas', await page.locator('textarea').count(), 'nodes', await page.evaluate(() => document.getElementsByTagName('*').length));
}
await browser.close(); child.kill();
