import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { parseSync, type NodeCue } from 'subtitle';
import { writeXliff } from '../../src/interchange/xliff';
import { parseProject } from '../../src/model/schema';
import { root, test } from './webMode';

const FIRST_SENTENCE =
  'A South Korean soldier fighting on Ukraine’s side on Wednesday published an appeal to his North Korean “brothers”';

// Tall enough that the whole sample (ten rows after a split) is drawn: the grid draws only the rows near the
// view (windowing has its own tests in grid.spec.ts); these tests look at rows across the sample.
test.use({ viewport: { width: 1280, height: 1000 } });

test.beforeEach(async ({ page, web }) => {
  await web.clearJournals();
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
  const headline = page
    .getByRole('row')
    .filter({ has: page.getByRole('textbox', { name: 'English, segment 1', exact: true }) });
  await expect(headline.getByRole('rowheader')).toContainText('Headline');
  await expect(page.getByRole('textbox', { name: 'English, segment 2', exact: true })).toHaveValue(
    new RegExp(`^${FIRST_SENTENCE}`),
  );
  const furniture = page
    .getByRole('row')
    .filter({ has: page.getByRole('textbox', { name: 'English, segment 4', exact: true }) });
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
  const target = join(web.home, 'Subrelay', 'deliveries', 'kursk');
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
  expect(article.split('\n\n')).toHaveLength(20);
  expect(article).not.toContain('TELEGRAM');
  expect(article).toContain('Зеленский');
});

test('exports only the chosen language and document', async ({ page, web }) => {
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('checkbox', { name: 'All languages' }).uncheck();
  await dialog.getByRole('checkbox', { name: '한국어' }).check();
  await dialog.getByRole('checkbox', { name: 'Article' }).uncheck();
  const target = join(web.home, 'Subrelay', 'korean-only');
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
  // Unsaved edits: the app asks first; even "Don't save" keeps them until another project has opened.
  await page.getByRole('dialog', { name: 'Save changes?' }).getByRole('button', { name: 'Don’t save' }).click();
  const missing = join(web.home, 'Subrelay', 'missing.subrelay');
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
  const path = join(web.home, 'Subrelay', 'work', 'appeal.subrelay');
  await page
    .getByRole('dialog', { name: 'Save the project' })
    .getByRole('textbox', { name: 'Project file path' })
    .fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status').first()).toContainText(`Saved ${path}.`);
  expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: 'subrelay', version: 4 });
  await page.reload();
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Open…' }).click();
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('textbox', { name: 'Русский, segment 1', exact: true })).toHaveValue('Братья мои!');
});

test('undoes and redoes edits from the keyboard and the Edit menu, typing as one step', async ({ page }) => {
  const cell = page.getByRole('textbox', { name: '한국어, segment 4', exact: true });
  const original = await cell.inputValue();
  await cell.fill('…남쪽으로 오십시오…');
  await cell.press('End');
  await cell.pressSequentially(' 지금', { delay: 20 });
  await expect(cell).toHaveValue('…남쪽으로 오십시오… 지금');
  await page.keyboard.press('Control+Z');
  await expect(cell).toHaveValue(original);
  await page.keyboard.press('Control+Shift+Z');
  await expect(cell).toHaveValue('…남쪽으로 오십시오… 지금');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('menuitem', { name: 'Undo typing' }).click();
  await expect(cell).toHaveValue(original);
  await expect(page.getByText('(unsaved)')).toHaveCount(0);
});

test('splits a segment at the cursor and merges it back, each undoable', async ({ page }) => {
  const english = (n: number) => page.getByRole('textbox', { name: `English, segment ${n}`, exact: true });
  await expect(english(2)).toHaveValue('we have the same blood, we come from the same country.');
  await english(2).click();
  await english(2).evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(23, 23));
  await page.keyboard.press('Control+Shift+S');
  await expect(english(2)).toHaveValue('we have the same blood,');
  await expect(english(3)).toHaveValue('we come from the same country.');
  await expect(page.getByRole('textbox', { name: 'Start of segment 3' })).not.toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'English, segment 10', exact: true })).toBeVisible();
  await english(2).click();
  await page.keyboard.press('Control+Shift+M');
  await expect(english(2)).toHaveValue('we have the same blood, we come from the same country.');
  await expect(page.getByRole('textbox', { name: 'English, segment 10', exact: true })).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(english(3)).toHaveValue('we come from the same country.');
  await page.keyboard.press('Control+Z');
  await expect(english(2)).toHaveValue('we have the same blood, we come from the same country.');
  await expect(english(3)).toHaveValue('We are only divided by a border that you didn’t choose.');
});

test('offers unsaved work back after the page dies, and discards it when asked', async ({ page }) => {
  const cell = page.getByRole('textbox', { name: 'Русский, segment 3', exact: true });
  await cell.fill('Нас разделяет только граница.');
  // The journal is written within about two seconds of the last change.
  await page.waitForTimeout(2500);
  await page.reload();
  const restore = page.getByRole('dialog', { name: 'Restore unsaved work?' });
  await expect(restore).toContainText('kursk-appeal.subrelay');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(cell).toHaveValue('Нас разделяет только граница.');
  await expect(page.getByText('(unsaved)')).toBeVisible();
  await page.waitForTimeout(2500);
  await page.reload();
  await page.getByRole('dialog', { name: 'Restore unsaved work?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(cell).not.toHaveValue('Нас разделяет только граница.');
  await page.reload();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Restore unsaved work?' })).toHaveCount(0);
});

test('asks before leaving with unsaved changes, and only then', async ({ page }) => {
  // The browser shows its own prompt when the page cancels beforeunload; check that the page does.
  const leaving = (): Promise<boolean> =>
    page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  expect(await leaving()).toBe(false);
  await page.getByRole('textbox', { name: 'English, segment 1', exact: true }).fill('Changed.');
  expect(await leaving()).toBe(true);
  await page.keyboard.press('Control+Z');
  expect(await leaving()).toBe(false);
});

test('offers the backup when a saved project is damaged', async ({ page, web }) => {
  const path = join(web.home, 'Subrelay', 'damaged', 'appeal.subrelay');
  const save = async (): Promise<void> => {
    await page.keyboard.press('Control+S');
    await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('status').first()).toContainText(`Saved ${path}.`);
  };
  await page.getByRole('textbox', { name: 'English, segment 1', exact: true }).fill('First save.');
  await save();
  await page.getByRole('textbox', { name: 'English, segment 1', exact: true }).fill('Second save.');
  await page.keyboard.press('Control+S');
  await expect(page.getByText('(unsaved)')).toHaveCount(0);
  await writeFile(path, '{"format":"subrelay","version":2,"title":');
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Open…' }).click();
  await page.getByRole('textbox', { name: 'Project file path' }).fill(path);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('alert')).toContainText(`${path}: is damaged: not valid JSON`);
  await page.getByRole('button', { name: 'Open the backup' }).click();
  await expect(page.getByRole('textbox', { name: 'English, segment 1', exact: true })).toHaveValue('First save.');
  await expect(page.getByText('(unsaved)')).toBeVisible();
});

test('refuses paths outside the web mode’s folder', async ({ page, web }) => {
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('textbox', { name: 'Export folder' }).fill(join(web.home, 'Subrelay', '..', 'escaped'));
  await dialog.getByRole('button', { name: 'Export files' }).click();
  await expect(dialog.getByRole('alert')).toContainText('outside the web mode’s folder');
});

test('words errors in the interface language', async ({ page, web }) => {
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('uk');
  await page.getByRole('button', { name: 'Проєкт' }).click();
  await page.getByRole('menuitem', { name: 'Відкрити…' }).click();
  const missing = join(web.home, 'Subrelay', 'немає.subrelay');
  await page.getByRole('textbox', { name: 'Шлях до файлу проєкту' }).fill(missing);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('alert')).toContainText(`${missing}: немає такого файлу чи теки`);
  await page.getByRole('combobox', { name: 'Мова інтерфейсу' }).selectOption('en');
});

test('aligns a pasted translation into a column after a review step, and undoes it in one step', async ({ page }) => {
  const sample = parseProject(await readFile(join(root, 'samples', 'kursk-appeal.subrelay'), 'utf8'));
  const article = sample.documents.find((d) => d.id === 'article')!;
  const included = article.segments.filter((s) => s.excluded !== true);
  // The Russian translation as a translator would paste it: paragraphs, revised, with one sentence left out.
  const revised = (text: string): string => `${text} [ред.]`;
  const paragraphs = new Map<number, string[]>();
  included.forEach((segment, index) => {
    if (index === 5) return;
    paragraphs.set(segment.paragraph, [...(paragraphs.get(segment.paragraph) ?? []), revised(segment.texts.ru)]);
  });
  const pasted = [...paragraphs.values()].map((sentences) => sentences.join(' ')).join('\n\n');

  await page.getByRole('toolbar').getByRole('button', { name: 'Article' }).click();
  await page.getByRole('button', { name: 'Align a translation…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Align a translation' });
  await dialog.getByRole('combobox', { name: 'Language to fill' }).selectOption('ru');
  await expect(dialog.getByRole('combobox', { name: 'Align against (pivot)' })).toHaveValue('en');
  await expect(dialog).toContainText('This replaces the Русский text already in “Article”');
  await dialog.getByRole('textbox', { name: 'Translation text' }).fill(pasted);
  await dialog.getByRole('button', { name: 'Align', exact: true }).click();

  // Nothing changes before the translator has seen the plan.
  const review = page.getByRole('dialog', { name: 'Review the alignment' });
  await expect(review).toBeVisible();
  const russian = (n: number) => page.getByRole('textbox', { name: `Русский, segment ${n}`, exact: true });
  await expect(russian(9)).toHaveValue(included[6]!.texts.ru);
  // Segment 8 in the grid is the sixth included sentence, the one left out: listed, and it keeps its text.
  await expect(review.getByRole('listitem').filter({ hasText: 'Row 8' })).toHaveCount(1);
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review).toHaveCount(0);

  await expect(russian(9)).toHaveValue(revised(included[6]!.texts.ru));
  await expect(russian(8)).toHaveValue(included[5]!.texts.ru);
  // Only the rows in view are in the page; the table says how many rows it has (the header and every segment).
  await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', String(article.segments.length + 1));
  await page.keyboard.press('Control+Z');
  await expect(russian(9)).toHaveValue(included[6]!.texts.ru);
});

test('lists QA findings per language, jumps to the cell, and marks cells as the translator types', async ({ page }) => {
  const qa = page.getByRole('button', { name: /^QA \(\d+\)$/u });
  await expect(qa).toHaveText('QA (1)');
  await qa.click();
  const panel = page.getByRole('region', { name: 'QA' });
  await panel
    .getByRole('button', {
      name: /Русский warning: cue 9: reading speed is 17\.14 characters per second \(limit 17\)/u,
    })
    .click();
  await expect(page.getByRole('textbox', { name: 'Русский, segment 9', exact: true })).toBeFocused();

  const korean = page.getByRole('textbox', { name: '한국어, segment 4', exact: true });
  await korean.fill('남쪽으로오십시오여러분을기다리는새로운삶이있습니다정말로요');
  await expect(korean).toHaveAttribute('aria-invalid', 'true');
  await expect(korean).toHaveAccessibleDescription(/cue 4: line 1 is \d+(\.\d+)? characters \(limit 16\)/u);
  await expect(qa).not.toHaveText('QA (1)');
  await page.keyboard.press('Control+Z');
  await expect(qa).toHaveText('QA (1)');
  await page.getByRole('toolbar').getByRole('button', { name: 'Article' }).click();
  await expect(page.getByRole('button', { name: /^QA/u })).toHaveCount(0);
});

test('times cues: typed times snap to frames, and a shift of all cues is one undoable step', async ({ page }) => {
  const start1 = page.getByRole('textbox', { name: 'Start of segment 1' });
  await start1.fill('1.01');
  await start1.press('Enter');
  // 1010 ms is frame 24.24 at 24 fps: it snaps to frame 24, 1000 ms.
  await expect(start1).toHaveValue('00:00:01,000');
  await start1.fill('62.51');
  await start1.press('Enter');
  await expect(start1).toHaveValue('00:01:02,500');
  await page.keyboard.press('Control+Z');
  await expect(start1).toHaveValue('00:00:01,000');

  await page.getByRole('button', { name: 'Segment' }).click();
  await page.getByRole('menuitem', { name: 'Timing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Timing' });
  await dialog.getByRole('radio', { name: 'All cues' }).check();
  await dialog.getByRole('textbox', { name: 'Shift (seconds, e.g. 1.2 or -0.5)' }).fill('1.2');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(start1).toHaveValue('00:00:02,200');
  await expect(page.getByRole('textbox', { name: 'End of segment 9' })).toHaveValue('00:01:18,200');
  await page.keyboard.press('Control+Z');
  await expect(start1).toHaveValue('00:00:01,000');
  await expect(page.getByRole('textbox', { name: 'End of segment 9' })).toHaveValue('00:01:17,000');
});

test('imports a WebVTT file with a malformed cue: the rest comes in, and the status names the line left out', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Import subtitles…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import subtitles' });
  await dialog.getByLabel('Subtitle file (SRT, WebVTT, TTML, ASS or SBV)').setInputFiles({
    name: 'appeal.uk.vtt',
    mimeType: 'text/vtt',
    // The second cue's time has a comma where WebVTT wants a dot: browsers drop that cue and play the rest.
    buffer: Buffer.from(
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nБрати мої,\n\n00:00:03,500 --> 00:00:05.000\nзламаний\n\n00:00:06.000 --> 00:00:08.000\nми один народ.\n',
    ),
  });
  await dialog.getByRole('combobox', { name: 'Into' }).selectOption('new');
  await dialog.getByRole('combobox', { name: 'Language of the file' }).selectOption('uk');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').first()).toContainText('1 cue could not be read and was left out (line 6).');
  await expect(page.getByRole('textbox', { name: 'Українська, segment 2', exact: true })).toHaveValue('ми один народ.');
});

test('imports a legacy-encoded SRT into a column, and refuses a broken one naming the line', async ({ page }) => {
  const korean = await readFile(join(root, 'test', 'fixtures', 'subtitles', 'appeal.ko.cp949.srt'));
  const edited = Buffer.from(
    korean.toString('latin1').replace('00:00:01,000 --> 00:00:04,000', '00:00:01,100 --> 00:00:03,900'),
    'latin1',
  );
  await page.getByRole('textbox', { name: '한국어, segment 1', exact: true }).fill('');
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Import subtitles…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import subtitles' });
  await dialog
    .getByLabel('Subtitle file (SRT, WebVTT, TTML, ASS or SBV)')
    .setInputFiles({ name: 'appeal.ko.srt', mimeType: 'text/plain', buffer: edited });
  await dialog.getByRole('combobox', { name: 'Language of the file' }).selectOption('ko');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').first()).toContainText('Imported 9 cues: 9 matched, 0 added as new segments.');
  await expect(page.getByRole('textbox', { name: '한국어, segment 1', exact: true })).toHaveValue(
    '형제 여러분,\n여러분과 저는 같은 민족이고,',
  );

  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Import subtitles…' }).click();
  await dialog.getByLabel('Subtitle file (SRT, WebVTT, TTML, ASS or SBV)').setInputFiles({
    name: 'broken.srt',
    mimeType: 'text/plain',
    buffer: Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:99,000 --> 00:01:02,000\nbad\n'),
  });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('broken.srt: line 6:');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Control+Z');
  await expect(page.getByRole('textbox', { name: '한국어, segment 1', exact: true })).toHaveValue('');
});

test('edits the subtitle rules per project, and QA follows them', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'QA (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Segment' }).click();
  await page.getByRole('menuitem', { name: 'Subtitle rules…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Subtitle rules' });
  await expect(dialog.getByRole('textbox', { name: '한국어: characters per line' })).toHaveValue('16');
  await dialog.getByRole('textbox', { name: 'Русский: characters per second' }).fill('18');
  await dialog.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('button', { name: 'QA (0)' })).toBeVisible();
  await expect(page.getByText('(unsaved)')).toBeVisible();
  await page.getByRole('button', { name: 'Segment' }).click();
  await page.getByRole('menuitem', { name: 'Subtitle rules…' }).click();
  await page.getByRole('dialog', { name: 'Subtitle rules' }).getByRole('button', { name: 'Netflix defaults' }).click();
  await expect(page.getByRole('button', { name: 'QA (1)' })).toBeVisible();
});

test('marks a transcript line that does not fit its slot for dubbing, and follows the speaking rates', async ({
  page,
}) => {
  // Only a line that does not fit is marked (with its numbers and the tolerance); one that fits shows nothing.
  const fit = (language: string, number: number) =>
    page
      .getByRole('cell')
      .filter({ has: page.getByRole('textbox', { name: `${language}, segment ${number}`, exact: true }) })
      .getByRole('img');
  await expect(fit('Українська', 1)).toHaveCount(0);
  await page
    .getByRole('textbox', { name: 'Українська, segment 1', exact: true })
    .fill('Брати мої, ми з вами з одного народу, у нас одна кров, одна мова, одна історія й одна земля під ногами.');
  await expect(fit('Українська', 1)).toHaveAccessibleName(
    /^Does not fit the slot for dubbing: about [\d.]+ s to say in 3\.0 s, with 10 % tolerance$/u,
  );
  await expect(fit('Русский', 1)).toHaveCount(0);

  await page.getByRole('button', { name: 'Segment' }).click();
  await page.getByRole('menuitem', { name: 'Speaking rates for dubbing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Speaking rates for dubbing' });
  await expect(dialog.getByRole('textbox', { name: 'Русский: syllables per second' })).toHaveValue('5');
  await dialog.getByRole('textbox', { name: 'Русский: syllables per second' }).fill('1');
  await dialog.getByRole('button', { name: 'Save rates' }).click();
  await expect(fit('Русский', 1)).toHaveAccessibleName(/^Does not fit/u);
  await page.keyboard.press('Control+z');
  await expect(fit('Українська', 1)).toHaveCount(0);
});

test('exports hand-off formats, and the dialog remembers the choices', async ({ page, web }) => {
  await page.getByRole('button', { name: 'Export' }).click();
  let dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog
    .getByRole('combobox', { name: 'Format' })
    .selectOption({ label: 'XLIFF 2.0, one file per target language' });
  await dialog.getByRole('combobox', { name: 'Source language of the XLIFF' }).selectOption({ label: '한국어' });
  await expect(dialog.getByRole('checkbox', { name: 'Write a byte order mark (BOM)' })).toHaveCount(0);
  const target = join(web.home, 'Subrelay', 'handoff');
  await dialog.getByRole('textbox', { name: 'Export folder' }).fill(target);
  await dialog.getByRole('button', { name: 'Export files' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Wrote 6 files to ${target}.`);
  await expect(dialog.getByRole('status')).toContainText('the XLIFF source language gets no file of its own');
  const xliff = await readFile(join(target, 'appeal.ko-uk.xlf'), 'utf8');
  expect(xliff).toContain('srcLang="ko"');
  expect(xliff).toContain('<source xml:space="preserve">형제 여러분, 여러분과 저는 같은 민족이고,</source>');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Export' }).click();
  dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveValue('xliff2');
  await expect(dialog.getByRole('combobox', { name: 'Source language of the XLIFF' })).toHaveValue('ko');
  await dialog
    .getByRole('combobox', { name: 'Format' })
    .selectOption({ label: 'Dubbing script, CSV (transcripts only)' });
  await dialog
    .getByRole('combobox', { name: 'Speaking time' })
    .selectOption({ label: 'Measure with espeak-ng speech synthesis' });
  await dialog.getByRole('textbox', { name: 'Export folder' }).fill(target);
  await dialog.getByRole('button', { name: 'Export files' }).click();
  await expect(dialog.getByRole('status')).toContainText('this format does not apply to this document');
  const script = await readFile(join(target, 'appeal.ru.dub.csv'), 'utf8');
  expect(script.startsWith('\uFEFFCue,')).toBe(true);
  expect(script).toContain(',espeak-ng,');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Export' }).getByRole('combobox', { name: 'Speaking time' }),
  ).toHaveValue('espeak');
});

test('takes back an XLIFF file from a CAT tool: targets and statuses only, in one undo step', async ({ page }) => {
  const project = parseProject(await readFile(join(root, 'samples', 'kursk-appeal.subrelay'), 'utf8'));
  const appeal = project.documents.find((d) => d.id === 'appeal')!;
  const exported = writeXliff(project, appeal, { version: '1.2', source: 'en', target: 'uk' });
  const returned = exported
    .replace('>Брати мої, ми з вами з одного народу,<', '>Брати мої, ми з вами — один народ,<')
    .replace('state="needs-review-translation"', 'state="translated"');
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Import XLIFF from a CAT tool…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import XLIFF' });
  await dialog
    .getByLabel('XLIFF file (.xlf, .xliff)')
    .setInputFiles({ name: 'appeal.en-uk.xliff', mimeType: 'application/xliff+xml', buffer: Buffer.from(returned) });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toContainText('Українська: 1 segment changed, 8 unchanged.');
  await expect(dialog.getByRole('listitem')).toHaveText(['Appeal · segment 1: Draft → Translated']);
  await dialog.getByRole('button', { name: 'Close' }).click();
  const cell = page.getByRole('textbox', { name: 'Українська, segment 1', exact: true });
  await expect(cell).toHaveValue('Брати мої, ми з вами — один народ,');
  await expect(page.getByRole('textbox', { name: 'English, segment 1', exact: true })).toHaveValue(
    'My brothers, you and I are from the same people,',
  );
  await page.keyboard.press('Control+z');
  await expect(cell).toHaveValue('Брати мої, ми з вами з одного народу,');

  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('menuitem', { name: 'Import XLIFF from a CAT tool…' }).click();
  await dialog.getByLabel('XLIFF file (.xlf, .xliff)').setInputFiles({
    name: 'broken.xlf',
    mimeType: 'application/xliff+xml',
    buffer: Buffer.from('<html><body>not xliff</body></html>'),
  });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/^broken\.xlf: cannot be read as XLIFF: not an XLIFF file/u);
});
