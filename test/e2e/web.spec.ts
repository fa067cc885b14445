import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import { parseSync, type NodeCue } from 'subtitle';
import { startWebMode, type WebMode } from './webMode';

const test = base.extend<object, { web: WebMode }>({
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

const FIRST_SENTENCE =
  'A South Korean soldier fighting on Ukraine’s side on Wednesday published an appeal to his North Korean “brothers”';

test.beforeEach(async ({ page, web }) => {
  await page.goto(web.url);
  await expect(page.getByRole('table')).toBeVisible();
});

test('opens the sample with the four language columns and the seed’s first sentence', async ({ page }) => {
  const toolbar = page.getByRole('toolbar');
  await expect(toolbar.getByRole('button', { name: 'Appeal' })).toHaveAttribute('aria-pressed', 'true');
  for (const header of ['#', 'Start', 'End', 'English', '한국어', 'Українська', 'Русский']) {
    await expect(page.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('textbox', { name: 'English, segment 1', exact: true })).toHaveValue(
    'My brothers, you and I are from the same people,',
  );
  await expect(page.getByRole('textbox', { name: 'Start of segment 1', exact: true })).toHaveValue('00:00:01,000');

  await toolbar.getByRole('button', { name: 'Article' }).click();
  await expect(page.getByRole('columnheader', { name: 'Start' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'English, segment 1', exact: true })).toHaveValue(
    new RegExp(`^${FIRST_SENTENCE}`),
  );
  const furniture = page
    .getByRole('row')
    .filter({ has: page.getByRole('textbox', { name: 'English, segment 3', exact: true }) });
  await expect(furniture).toHaveClass(/excluded/u);
});

test('switches the interface to Korean and back', async ({ page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('combobox', { name: '인터페이스 언어' })).toHaveValue('ko');
  await expect(page.getByRole('button', { name: '내보내기' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '시작' })).toBeVisible();
  // Column headers stay in each language's own name whatever the interface language.
  await expect(page.getByRole('columnheader', { name: 'Українська' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.getByRole('combobox', { name: '인터페이스 언어' }).selectOption('ru');
  await expect(page.getByRole('combobox', { name: 'Язык интерфейса' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Язык интерфейса' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('edits a Ukrainian cell and exports SRT and text files to the chosen folder', async ({ page, web }) => {
  const cell = page.getByRole('textbox', { name: 'Українська, segment 2', exact: true });
  await cell.fill('у нас одна кров, ми з однієї землі.');
  await expect(page.getByText('(unsaved)')).toBeVisible();

  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('checkbox', { name: 'All languages' })).toBeChecked();
  const folder = dialog.getByRole('textbox', { name: 'Export folder' });
  await expect(folder).toHaveValue(join(web.home, 'Subrelay', 'exports'));
  const target = join(web.home, 'deliveries', 'kursk');
  await folder.fill(target);
  await dialog.getByRole('button', { name: 'Export files' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Wrote 8 files to ${target}.`);

  const srt = await readFile(join(target, 'appeal.uk.srt'), 'utf8');
  const cues = parseSync(srt).filter((node): node is NodeCue => node.type === 'cue');
  expect(cues).toHaveLength(9);
  expect(cues[1]?.data).toMatchObject({ start: 4083, end: 8000, text: 'у нас одна кров, ми з однієї землі.' });
  const korean = await readFile(join(target, 'appeal.ko.srt'), 'utf8');
  expect(korean).toContain('00:00:01,000 --> 00:00:04,000\r\n형제 여러분');
  const article = await readFile(join(target, 'article.ru.txt'), 'utf8');
  expect(article.split('\n\n')).toHaveLength(19);
  expect(article).not.toContain('TELEGRAM');
  expect(article).toContain('Зеленский');
});

test('exports only the chosen language and document', async ({ page, web }) => {
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('checkbox', { name: 'All languages' }).uncheck();
  await dialog.getByRole('checkbox', { name: '한국어' }).check();
  await dialog.getByRole('checkbox', { name: 'Article' }).uncheck();
  const target = join(web.home, 'korean-only');
  await dialog.getByRole('textbox', { name: 'Export folder' }).fill(target);
  await dialog.getByRole('button', { name: 'Export files' }).click();
  await expect(dialog.getByRole('listitem')).toHaveText([join(target, 'appeal.ko.srt')]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('says which file is wrong when a project cannot be opened, and keeps the open one', async ({ page, web }) => {
  await page.getByRole('textbox', { name: 'English, segment 1', exact: true }).fill('Edited before the failed open.');
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Open…' }).click();
  const missing = join(web.home, 'missing.subrelay');
  await page
    .getByRole('dialog', { name: 'Open a project' })
    .getByRole('textbox', { name: 'Project file path' })
    .fill(missing);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('alert')).toContainText(`${missing}: no such file or folder`);
  await expect(page.getByRole('textbox', { name: 'English, segment 1', exact: true })).toHaveValue(
    'Edited before the failed open.',
  );
});

test('saves the project where the user says and opens it again', async ({ page, web }) => {
  await page.getByRole('textbox', { name: 'Русский, segment 1', exact: true }).fill('Братья мои!');
  await page.keyboard.press('Control+S');
  const path = join(web.home, 'work', 'appeal.subrelay');
  await page
    .getByRole('dialog', { name: 'Save the project' })
    .getByRole('textbox', { name: 'Project file path' })
    .fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status').first()).toContainText(`Saved ${path}.`);
  expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: 'subrelay', version: 1 });
  await page.reload();
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Open…' }).click();
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('textbox', { name: 'Русский, segment 1', exact: true })).toHaveValue('Братья мои!');
});
