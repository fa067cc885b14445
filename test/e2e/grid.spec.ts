import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { bigProject } from '../support/bigProject';
import { openProject, test } from './webMode';

/**
 * The grid of issue 11: only the rows in view exist in the page, the
 * keyboard reaches every row anyway, each cell shows what a subtitler reads
 * at a glance, and the columns are the translator's to hide and size.
 */

const cell = (page: Page, language: string, n: number) =>
  page.getByRole('textbox', { name: `${language}, segment ${n}`, exact: true });

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

test.beforeEach(async ({ page, web }) => {
  await web.clearJournals();
  await page.goto(web.url);
  await expect(page.getByRole('table')).toBeVisible();
});

test('a 3,000-cue transcript keeps only the rows in view in the page, and the keyboard reaches every row', async ({
  page,
  web,
}) => {
  const folder = join(web.home, 'Subrelay');
  await mkdir(folder, { recursive: true });
  const path = join(folder, 'long.subrelay');
  await writeFile(path, serializeProject(bigProject(3000, 200)));
  await openProject(page, path);
  await expect(cell(page, 'English', 1)).toHaveValue(/ 1$/u, { timeout: 30_000 });
  // 3,000 rows × 4 languages would be 12,000 text boxes; the window holds a few dozen rows.
  const boxes = await page.getByRole('textbox').count();
  expect(boxes).toBeGreaterThan(8);
  expect(boxes).toBeLessThan(400);
  await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', '3001');

  await cell(page, 'Українська', 1).click();
  await page.keyboard.press('Control+End');
  await expect(cell(page, 'Українська', 3000)).toBeFocused();
  await expect(cell(page, 'Українська', 1)).toHaveCount(0);
  await page.keyboard.press('Control+Home');
  await expect(cell(page, 'Українська', 1)).toBeFocused();

  // Go to row (Ctrl+G), then type there: the row was never in the page before.
  await page.keyboard.press('Control+g');
  await page.getByRole('spinbutton', { name: /Row number/u }).fill('1500');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'Українська', 1500)).toBeFocused();
  // The caret comes to the end of the text, ready to go on typing.
  await page.keyboard.type(' (checked)');
  await expect(cell(page, 'Українська', 1500)).toHaveValue(/ 1500 \(checked\)$/u);

  // Up on a cell's first line goes to the cell above (a one-line cell: at once); Down on the last line comes back.
  await page.keyboard.press('Control+ArrowDown');
  await expect(cell(page, 'Українська', 1501)).toBeFocused();
  await cell(page, 'Українська', 1501).fill('Short line.');
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'Українська', 1500)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'Українська', 1501)).toBeFocused();
  await page.keyboard.press('Control+ArrowDown');
  await expect(cell(page, 'Українська', 1502)).toBeFocused();

  // Tab goes across the languages, then on to the next row.
  await page.keyboard.press('Tab');
  await expect(cell(page, 'Русский', 1502)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cell(page, 'English', 1503)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cell(page, 'Русский', 1502)).toBeFocused();

  // PageDown moves a screenful (the rows that fit, less one): more than one row, less than the window.
  const fit = await page.evaluate(() => {
    const scroller = document.querySelector('.grid-scroll');
    const rows = [...document.querySelectorAll('tbody tr[aria-rowindex]')].map((row) => row.clientHeight);
    return Math.floor((scroller?.clientHeight ?? 0) / (rows.reduce((a, b) => a + b, 0) / rows.length)) - 1;
  });
  expect(fit).toBeGreaterThan(1);
  await page.keyboard.press('PageDown');
  const paged = Number(/segment (\d+)$/u.exec(await focusedName(page))?.[1]);
  expect(paged).toBeGreaterThanOrEqual(1502 + fit - 1);
  expect(paged).toBeGreaterThan(1503);
  expect(paged).toBeLessThan(1540);

  // Undo reaches the edits made far away: the short line, then the typing.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+g');
  await page.getByRole('spinbutton', { name: /Row number/u }).fill('1500');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'Українська', 1500)).toHaveValue(/ 1500$/u);
  await expect(cell(page, 'Українська', 1501)).toHaveValue(/ 1501$/u);

  // Alt+PageDown switches to the next document, which opens at its top.
  await page.keyboard.press('Alt+PageDown');
  await expect(page.getByRole('button', { name: 'Article (200 rows)', pressed: true })).toBeVisible();
  await expect(cell(page, 'English', 1)).toBeVisible();
});

test('each timed cell shows its reading speed and line lengths as exported, updated as you type', async ({ page }) => {
  const measures = page.getByRole('note', { name: 'Measures of Українська, segment 1' });
  await expect(measures).toContainText(/\/17 cps/u);
  await expect(measures).toContainText(/\/ 42 per line/u);
  const before = await measures.textContent();
  const box = cell(page, 'Українська', 1);
  await box.fill(
    'Брати мої, ми з вами з одного народу, у нас одна кров, одна мова, одна історія й одна земля під ногами.',
  );
  await expect(measures).not.toHaveText(before ?? '');
  // Two lines as the exporter breaks them, and a reading speed over the limit, said in words too.
  await expect(measures).toContainText(/\d+ · \d+ \/ 42 per line/u);
  await expect(measures).toHaveAccessibleDescription(/over the limit of 17/u);
  await expect(measures.getByRole('img', { name: /^Does not fit the slot for dubbing.*10 % tolerance$/u })).toHaveCount(
    1,
  );
  // The finding is said on the cell itself, not only in the QA panel.
  await expect(box).toHaveAccessibleDescription(/reading speed/iu);
  await expect(page.getByRole('list', { name: 'Checks of Українська, segment 1' })).toBeVisible();
  // Row duration beside the times.
  await expect(page.getByLabel('Segment 1 lasts 3.0 s')).toBeVisible();
});

test('each cell’s fields are a form of their own, which Enter in a cell never submits', async ({ page }) => {
  // The browser's form tracking (Chromium's autofill) reads every field of the form a key was typed in:
  // one form per cell keeps that to the cell (it read the whole grid's fields on every key).
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll('textarea[data-cell]')].map((box) =>
      box instanceof HTMLTextAreaElement ? (box.form?.elements.length ?? 0) : -1,
    ),
  );
  expect(fields.length).toBeGreaterThan(8);
  expect(new Set(fields)).toEqual(new Set([2]));
  const box = cell(page, 'Українська', 2);
  await box.click();
  // The caret at the end of the text (End goes to the end of the line on screen, and the text wraps).
  await box.evaluate((element) => {
    if (element instanceof HTMLTextAreaElement) element.setSelectionRange(element.value.length, element.value.length);
  });
  await page.keyboard.press('Enter');
  await page.keyboard.type('next line');
  await expect(box).toHaveValue(/\nnext line$/u);
  await expect(page.getByRole('table')).toBeVisible();
});

test('a status set from the grid is one undo step', async ({ page }) => {
  const status = page.getByRole('combobox', { name: 'Status of Українська, segment 2' });
  await expect(status).toHaveValue('draft');
  await status.selectOption('reviewed');
  await expect(status).toHaveValue('reviewed');
  await cell(page, 'Українська', 2).click();
  await page.keyboard.press('Control+z');
  await expect(status).toHaveValue('draft');
});

test('article columns take their width from the text, can be hidden and resized, and are remembered', async ({
  page,
  web,
}) => {
  await page.getByRole('button', { name: 'Article' }).click();
  const header = (name: string) => page.getByRole('columnheader', { name, exact: true });
  const width = async (name: string) => (await header(name).boundingBox())?.width ?? 0;
  // No language column is squeezed to the time columns' width in an article.
  for (const name of ['English', '한국어', 'Українська', 'Русский']) expect(await width(name)).toBeGreaterThan(160);

  const before = await width('English');
  const border = page.getByRole('separator', { name: 'Width of the English column' });
  await border.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => width('English')).toBeGreaterThan(before + 20);

  await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: '한국어' }).uncheck();
  await expect(header('한국어')).toHaveCount(0);
  await expect(cell(page, '한국어', 1)).toHaveCount(0);

  // Saved with the project: a new page opening the file shows the same columns.
  const folder = join(web.home, 'Subrelay');
  await mkdir(folder, { recursive: true });
  const path = join(folder, 'columns.subrelay');
  await page.keyboard.press('Control+Shift+Alt+S');
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  const saved = parseProject(await readFile(path, 'utf8'));
  expect(saved.settings.view?.hiddenLanguages).toEqual(['ko']);
  expect(saved.settings.view?.columnWeights?.en).toBeGreaterThan(0);

  await page.goto(web.url);
  await openProject(page, path);
  await page.getByRole('button', { name: 'Article' }).click();
  await expect(header('English')).toBeVisible();
  await expect(header('한국어')).toHaveCount(0);
});

test('Help ▸ Keyboard shortcuts lists the keys, and the focus returns to the cell when it closes', async ({ page }) => {
  await cell(page, 'Русский', 3).click();
  await page.keyboard.press('Control+/');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row', { name: /Ctrl\+G.*Go to row/u })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Ctrl\+End.*Last row/u })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Tab.*next or previous language/u })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(cell(page, 'Русский', 3)).toBeFocused();

  // The same after a menu closes.
  await page.getByRole('toolbar').getByRole('button', { name: 'Go' }).click();
  await page.getByRole('menuitem', { name: 'Row below' }).click();
  await expect(cell(page, 'Русский', 4)).toBeFocused();
});

test('the page has a heading and no serious accessibility violations (axe)', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Subrelay');
  await cell(page, 'English', 1).fill('Edited, so the unsaved mark shows.');
  for (const document of ['Appeal', 'Article']) {
    await page.getByRole('button', { name: document, exact: true }).click();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.length} (${violation.nodes[0]?.target.join(' ')})`);
    expect(serious, document).toEqual([]);
  }
});
