import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { parseProject } from '../../src/model/schema';
import { root, test } from './webMode';

/**
 * The ways the 0.4 workspace lost a translator's work, each as it was met:
 * an interface-language switch, replacing a project with unsaved edits,
 * journals lost with their tab, Save as that did not ask, and dialogs that
 * accepted values no save could write.
 */

const english = (page: Page, n: number) => page.getByRole('textbox', { name: `English, segment ${n}`, exact: true });

async function openMenuItem(page: Page, menu: string, item: string): Promise<void> {
  await page.getByRole('toolbar').getByRole('button', { name: menu }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

// Tall enough that the rows these tests look at are drawn: the grid draws only the rows near the view
// (windowing has its own tests in grid.spec.ts).
test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeEach(async ({ page, web }) => {
  await web.clearJournals();
  await page.goto(web.url);
  await expect(page.getByRole('table')).toBeVisible();
});

test('changing the interface language keeps the project, its edits and Ctrl+Z', async ({ page }) => {
  await english(page, 1).fill('My brothers, we are one people.');
  await english(page, 2).fill('Second line, edited.');
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('uk');
  await expect(page.getByRole('button', { name: 'Експорт' })).toBeVisible();
  const uk = (n: number) => page.getByRole('textbox', { name: `English, сегмент ${n}`, exact: true });
  await expect(uk(1)).toHaveValue('My brothers, we are one people.');
  await expect(uk(2)).toHaveValue('Second line, edited.');
  await expect(page.getByText('(не збережено)')).toBeVisible();
  await uk(2).click();
  await page.keyboard.press('Control+Z');
  await expect(uk(2)).not.toHaveValue('Second line, edited.');
  await expect(uk(1)).toHaveValue('My brothers, we are one people.');
  await page.getByRole('combobox', { name: 'Мова інтерфейсу' }).selectOption('en');
});

test('Open sample with unsaved edits asks first; Cancel keeps everything, Don’t save replaces', async ({ page }) => {
  await english(page, 1).fill('Edited before opening the sample.');
  await openMenuItem(page, 'Project', 'Open sample project');
  const ask = page.getByRole('dialog', { name: 'Save changes?' });
  await expect(ask).toContainText('kursk-appeal.subrelay');
  // The destructive choice never has the focus: Enter must not throw the edits away.
  await expect(ask.getByRole('button', { name: 'Don’t save' })).not.toBeFocused();
  await expect(ask.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  await expect(english(page, 1)).toHaveValue('Edited before opening the sample.');
  await expect(page.getByText('(unsaved)')).toBeVisible();

  await openMenuItem(page, 'Project', 'Open sample project');
  await page.getByRole('dialog', { name: 'Save changes?' }).getByRole('button', { name: 'Don’t save' }).click();
  await expect(english(page, 1)).toHaveValue('My brothers, you and I are from the same people,');
  await expect(page.getByText('(unsaved)')).toHaveCount(0);
});

test('Open… and New… with unsaved edits ask first too', async ({ page }) => {
  await english(page, 1).fill('Edited before opening another project.');
  await openMenuItem(page, 'Project', 'Open…');
  await page.getByRole('dialog', { name: 'Save changes?' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog', { name: 'Open a project' })).toHaveCount(0);
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('dialog', { name: 'Save changes?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(english(page, 1)).toHaveValue('Edited before opening another project.');
});

test('Save as always asks for a new path, also once the project has one', async ({ page, web }) => {
  const first = join(web.home, 'Subrelay', 'save-as', 'first.subrelay');
  await page.keyboard.press('Control+S');
  await page
    .getByRole('dialog', { name: 'Save the project' })
    .getByRole('textbox', { name: 'Project file path' })
    .fill(first);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status')).toContainText('first.subrelay');
  await openMenuItem(page, 'Project', 'Save as…');
  const field = page
    .getByRole('dialog', { name: 'Save the project' })
    .getByRole('textbox', { name: 'Project file path' });
  await expect(field).toBeVisible();
  await field.fill(join(web.home, 'Subrelay', 'save-as', 'second.subrelay'));
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status')).toContainText('second.subrelay');
  await expect(page.getByRole('toolbar')).toContainText('second.subrelay');
});

test('a save never overwrites a file another tab changed since it was opened', async ({ page, web, context }) => {
  const path = join(web.home, 'Subrelay', 'conflict', 'shared.subrelay');
  await page.keyboard.press('Control+S');
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status')).toContainText('shared.subrelay');

  const other = await context.newPage();
  await other.goto(web.url);
  await expect(other.getByRole('table')).toBeVisible();
  await openMenuItem(other, 'Project', 'Open…');
  await other.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await other.getByRole('button', { name: 'OK' }).click();
  await expect(other.getByRole('toolbar')).toContainText('shared.subrelay');
  await english(other, 1).fill('Saved from the other tab.');
  await other.keyboard.press('Control+S');
  await expect(other.getByRole('status')).toContainText('Saved');
  await other.close();

  await page.bringToFront();
  await english(page, 2).fill('Saved from the first tab.');
  await page.keyboard.press('Control+S');
  const conflict = page.getByRole('dialog', { name: 'The file changed on disk' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Overwrite' })).not.toBeFocused();
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(english(page, 1)).toHaveValue('Saved from the other tab.');
});

test('the journal belongs to the project: closing the tab and reopening the project offers it back', async ({
  page,
  web,
  context,
}) => {
  const path = join(web.home, 'Subrelay', 'journal', 'kept.subrelay');
  await page.keyboard.press('Control+S');
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status')).toContainText('kept.subrelay');
  await english(page, 3).fill('Unsaved when the tab was closed.');
  // The journal is written within about two seconds of the last change.
  await page.waitForTimeout(2500);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(web.url);
  // At start, every journal left behind is listed with its project name; the safe choice has the focus.
  const restore = again.getByRole('dialog', { name: 'Restore unsaved work?' });
  await expect(restore).toContainText('kept.subrelay');
  await expect(restore.getByRole('button', { name: /Discard/u }).first()).not.toBeFocused();
  await restore.getByRole('button', { name: 'Later' }).click();
  // Reopening the same project offers its newer journal.
  await openMenuItem(again, 'Project', 'Open…');
  await again.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await again.getByRole('button', { name: 'OK' }).click();
  const offer = again.getByRole('dialog', { name: 'Restore unsaved work?' });
  await expect(offer).toContainText('kept.subrelay');
  await offer.getByRole('button', { name: 'Restore' }).first().click();
  await expect(english(again, 3)).toHaveValue('Unsaved when the tab was closed.');
  await expect(again.getByText('(unsaved)')).toBeVisible();
});

test('the rules dialog refuses a value a save could not write, and saving still works', async ({ page, web }) => {
  await openMenuItem(page, 'Segment', 'Subtitle rules…');
  const dialog = page.getByRole('dialog', { name: 'Subtitle rules' });
  const lines = dialog.getByRole('textbox', { name: 'Lines per cue' });
  await lines.fill('50');
  await dialog.getByRole('button', { name: 'Save rules' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const path = join(web.home, 'Subrelay', 'rules', 'ok.subrelay');
  await mkdir(join(web.home, 'Subrelay', 'rules'), { recursive: true });
  await page.keyboard.press('Control+S');
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status')).toContainText('ok.subrelay');
});

test('opening a subtitle file offers to start a project from it', async ({ page, web }) => {
  const folder = join(web.home, 'Subrelay', 'start');
  await mkdir(folder, { recursive: true });
  const srt = join(folder, 'appeal.ko.srt');
  await writeFile(
    srt,
    '1\r\n00:00:01,000 --> 00:00:03,000\r\n형제 여러분,\r\n\r\n2\r\n00:00:03,500 --> 00:00:05,000\r\n우리는 한 민족입니다.\r\n',
  );
  await openMenuItem(page, 'Project', 'Open…');
  await page.getByRole('textbox', { name: 'Project file path' }).fill(srt);
  await page.getByRole('button', { name: 'OK' }).click();
  const start = page.getByRole('dialog', { name: 'New project' });
  await expect(start).toBeVisible();
  await expect(start).toContainText('appeal.ko.srt');
  await start.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('textbox', { name: '한국어, segment 2', exact: true })).toHaveValue(
    '우리는 한 민족입니다.',
  );
  await expect(page.getByRole('textbox', { name: 'Start of segment 2', exact: true })).toHaveValue('00:00:03,500');
  await expect(page.getByText('(unsaved)')).toBeVisible();
});

test('aligning a partial translation fills only the rows it covers and reshapes nothing', async ({ page }) => {
  const sample = parseProject(await readFile(join(root, 'samples', 'kursk-appeal.subrelay'), 'utf8'));
  const article = sample.documents.find((d) => d.id === 'article')!;
  const included = article.segments.filter((s) => s.excluded !== true);
  // The first four sentences of a new Ukrainian translation, the third left out; one per line.
  const chosen = [0, 1, 3, 4].map((index) => included[index]!);
  const pasted = chosen.map((segment) => `${segment.texts.uk} (нова редакція)`).join('\n');
  const leftOut = included[2]!;
  const rowOf = (id: string): number => article.segments.findIndex((s) => s.id === id) + 1;

  await page.getByRole('toolbar').getByRole('button', { name: 'Article' }).click();
  await page.getByRole('button', { name: 'Align a translation…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Align a translation' });
  await dialog.getByRole('combobox', { name: 'Language to fill' }).selectOption('uk');
  await dialog.getByRole('textbox', { name: 'Translation text' }).fill(pasted);
  await dialog.getByRole('checkbox', { name: 'One segment per line (already segmented)' }).check();
  await dialog.getByRole('button', { name: 'Align', exact: true }).click();
  const review = page.getByRole('dialog', { name: 'Review the alignment' });
  await expect(review.getByRole('listitem').filter({ hasText: `Row ${rowOf(leftOut.id)}` })).toHaveCount(1);
  await review.getByRole('button', { name: 'Apply' }).click();

  // The same number of rows: nothing merged, split or added.
  // Only the rows in view are in the page; the table says how many rows it has (the header and every segment).
  await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', String(article.segments.length + 1));
  const cell = (language: string, n: number) =>
    page.getByRole('textbox', { name: `${language}, segment ${n}`, exact: true });
  for (const segment of chosen) {
    await expect(cell('Українська', rowOf(segment.id))).toHaveValue(`${segment.texts.uk} (нова редакція)`);
  }
  // The left-out row and every row outside the covered stretch keep their drafts; other columns are untouched.
  const changed = new Set(chosen.map((s) => s.id));
  for (const [index, segment] of article.segments.entries()) {
    // Only the rows in view are in the page: go to each row (Ctrl+G) before reading it.
    await page.keyboard.press('Control+g');
    await page.getByRole('spinbutton', { name: /Row number/u }).fill(String(index + 1));
    await page.keyboard.press('Enter');
    if (!changed.has(segment.id)) await expect(cell('Українська', index + 1)).toHaveValue(segment.texts.uk);
    await expect(cell('English', index + 1)).toHaveValue(segment.texts.en);
  }
});
