import { expect, type Page } from '@playwright/test';
import { test } from './webMode';

/**
 * Review in the browser: find and replace with a regular expression and one
 * undo, statuses from the keys with the progress line, the status filter,
 * and a note on a cell. Runs against the grid as it is (every row in the
 * DOM); the filter's effect on the grid's rows is the windowed grid's part.
 */

const cell = (page: Page, language: string, n: number) =>
  page.getByRole('textbox', { name: `${language}, segment ${n}`, exact: true });

test.beforeEach(async ({ page, web }) => {
  await web.clearJournals();
  await page.goto(web.url);
  await expect(page.getByRole('table')).toBeVisible();
});

test('find and replace with a regular expression; one Ctrl+Z takes it back; Escape closes the panel', async ({
  page,
}) => {
  await cell(page, 'Українська', 1).click();
  await page.keyboard.press('Control+H');
  const panel = page.getByRole('dialog', { name: 'Find and replace' });
  await expect(panel.getByRole('searchbox', { name: 'Find' })).toBeFocused();
  await panel.getByRole('searchbox', { name: 'Find' }).fill(String.raw`(\p{L}+) (мої|мои)`);
  await panel.getByRole('textbox', { name: 'Replace with' }).fill('$2 $1');
  await panel.getByRole('checkbox', { name: 'Regular expression' }).check();
  await panel.getByRole('checkbox', { name: 'English', exact: true }).uncheck();
  await panel.getByRole('checkbox', { name: '한국어', exact: true }).uncheck();

  await panel.getByRole('button', { name: 'Find next' }).click();
  await expect(panel.getByRole('status')).toHaveText('Found in Appeal: Українська, segment 1.');
  await expect(cell(page, 'Українська', 1)).toBeFocused();
  await panel.getByRole('button', { name: 'Find next' }).click();
  await expect(panel.getByRole('status')).toHaveText('Found in Appeal: Русский, segment 1.');

  await panel.getByRole('button', { name: 'Replace all' }).click();
  await expect(panel.getByRole('status')).toHaveText('Replaced 2 matches.');
  await expect(cell(page, 'Українська', 1)).toHaveValue('мої Брати, ми з вами з одного народу,');
  await expect(cell(page, 'Русский', 1)).toHaveValue('мои Братья, мы с вами из одного народа,');
  await expect(cell(page, 'English', 1)).toHaveValue('My brothers, you and I are from the same people,');

  // A pattern that is not a regular expression says so, and nothing throws.
  await panel.getByRole('searchbox', { name: 'Find' }).fill('(');
  await panel.getByRole('button', { name: 'Find next' }).click();
  await expect(panel.getByRole('status')).toContainText('not a valid regular expression');

  // The panel is not modal: back in the grid, the keys work while it stays open, and Escape closes it.
  await cell(page, 'Українська', 2).click();
  await page.keyboard.press('Control+Z');
  await expect(cell(page, 'Українська', 1)).toHaveValue('Брати мої, ми з вами з одного народу,');
  await expect(cell(page, 'Русский', 1)).toHaveValue('Братья мои, мы с вами из одного народа,');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(cell(page, 'Українська', 2)).toBeFocused();
});

test('statuses from the keys, counted in the progress line, and the filter by status', async ({ page }) => {
  const progress = page.getByRole('list', { name: 'Progress' });
  await expect(progress).toContainText('Українська: 0 translated, 0 reviewed, 0 approved of 9');
  await cell(page, 'Українська', 1).click();
  await page.keyboard.press('Control+Enter');
  await expect(cell(page, 'Українська', 2)).toBeFocused();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(cell(page, 'Українська', 3)).toBeFocused();
  await page.keyboard.press('Control+Alt+Enter');
  await expect(cell(page, 'Українська', 4)).toBeFocused();
  await expect(progress).toContainText('Українська: 1 translated, 1 reviewed, 1 approved of 9');
  await expect(progress).toContainText('Русский: 0 translated, 0 reviewed, 0 approved of 9');

  await cell(page, 'Українська', 3).click();
  await page.keyboard.press('Control+Shift+Backspace');
  await expect(progress).toContainText('Українська: 1 translated, 1 reviewed, 0 approved of 9');
  await expect(cell(page, 'Українська', 3)).toBeFocused();

  const filter = page.getByRole('group', { name: 'Show rows' });
  await filter.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'Українська' });
  await filter.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Reviewed' });
  // Row 2 is reviewed; row 3 holds the selection, so it stays in view until the selection moves on.
  await expect(filter.getByRole('status')).toHaveText('Showing 2 of 9 rows');
  await filter.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Draft' });
  await expect(filter.getByRole('status')).toHaveText('Showing 7 of 9 rows');
  await filter.getByRole('button', { name: 'Show all rows' }).click();
  await expect(filter.getByRole('status')).toHaveCount(0);
  await expect(filter.getByRole('combobox', { name: 'Status' })).toHaveValue('');
});

test('a note on a cell carries its author and time; the notes filter finds it; Ctrl+Z removes it', async ({ page }) => {
  await cell(page, 'Русский', 2).click();
  await page.keyboard.press('Shift+F2');
  const dialog = page.getByRole('dialog', { name: 'Notes on Русский, segment 2' });
  await expect(dialog.getByText('No notes on this cell yet.')).toBeVisible();
  // No name, no note: notes are signed.
  await dialog.getByRole('textbox', { name: 'New note' }).fill('Проверить «кровь».');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter your name: every note carries it.');
  await dialog.getByRole('textbox', { name: 'Your name' }).fill('Ivan');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cell(page, 'Русский', 2)).toBeFocused();

  await page.keyboard.press('Shift+F2');
  await expect(dialog.getByRole('textbox', { name: 'Your name' })).toHaveValue('Ivan');
  await expect(dialog.getByRole('textbox', { name: /^Note by Ivan, / })).toHaveValue('Проверить «кровь».');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const filter = page.getByRole('group', { name: 'Show rows' });
  await filter.getByRole('combobox', { name: 'Column' }).selectOption({ label: 'Русский' });
  await filter.getByRole('checkbox', { name: 'With notes' }).check();
  await expect(filter.getByRole('status')).toHaveText('Showing 1 of 9 rows');
  await filter.getByRole('button', { name: 'Show all rows' }).click();

  await cell(page, 'Русский', 2).click();
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Shift+F2');
  await expect(dialog.getByText('No notes on this cell yet.')).toBeVisible();
});
