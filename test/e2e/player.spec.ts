import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { screenText } from '../../src/formats/exportCues';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import type { Segment } from '../../src/model/project';
import { DEFAULT_RULES } from '../../src/subtitles/rules';
import { parseTime } from '../../src/time/timecode';
import { openProject, root, test } from './webMode';

/**
 * The media panel of issue 13, on the sample's demo track (`npm run
 * sample:media`: espeak-ng speaking the Korean cues at their times over a
 * picture with the time code): attach it, play it with the subtitle over the
 * video, time a cue on the waveform, and time the whole transcript from the
 * speech.
 */

const tools = ['/usr/bin/ffmpeg', '/usr/bin/espeak-ng'];
const missing = tools.filter((tool) => !existsSync(tool));

let demoFolder = '';
let sample: Awaited<ReturnType<typeof parseProject>>;
let cues: ReadonlyArray<Segment> = [];

test.beforeAll(async ({ web }, testInfo) => {
  if (missing.length > 0) return;
  testInfo.setTimeout(240_000);
  // Inside the web mode's root (~/Subrelay of the test's HOME), where the page may name files.
  demoFolder = join(web.home, 'Subrelay', 'demo');
  await mkdir(demoFolder, { recursive: true });
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'main/bin/sampleMedia.ts', '--out', demoFolder], {
    cwd: root,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`npm run sample:media failed:\n${made.stdout}\n${made.stderr}`);
  sample = parseProject(await readFile(join(root, 'samples', 'kursk-appeal.subrelay'), 'utf8'));
  cues = sample.documents.find((d) => d.id === 'appeal')?.segments ?? [];
});

test.beforeEach(async ({ page, web }) => {
  if (missing.length > 0)
    console.log(`Skipping the player tests: ${missing.join(' and ')} missing (.ci/run installs them).`);
  test.skip(missing.length > 0, `${missing.join(', ')} not installed`);
  await web.clearJournals();
  await page.goto(web.url);
  await expect(page.getByRole('table')).toBeVisible();
});

const preview = (page: Page) => page.getByRole('region', { name: 'Subtitle preview' });
const video = (page: Page) => page.getByLabel('Video', { exact: true });

/** The Korean cue as it goes on screen (the overlay's language: the first translation language). */
const onScreen = (segment: Segment | undefined) => screenText(segment?.texts.ko ?? '', 'ko', DEFAULT_RULES);

async function seek(page: Page, seconds: number): Promise<void> {
  await video(page).evaluate((element: HTMLVideoElement, to) => {
    element.pause();
    element.currentTime = to;
  }, seconds);
}

async function waitForMedia(page: Page): Promise<void> {
  await expect
    .poll(() => video(page).evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
}

test('attach the demo media, play it, and the overlay shows the right cue at three times', async ({ page }) => {
  test.setTimeout(120_000);
  const panel = page.getByRole('region', { name: 'Media', exact: true });
  await expect(panel).toContainText('No video or audio is attached');
  await panel.getByRole('button', { name: 'Attach video or audio…' }).click();
  // A file that is not there is said in the dialog, and nothing is attached.
  await page.getByRole('textbox', { name: 'Media file path' }).fill('demo/nothing-here.mp4');
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('nothing-here.mp4');
  await page.getByRole('textbox', { name: 'Media file path' }).fill('demo/appeal-demo.mp4');
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Attached appeal-demo.mp4');
  await waitForMedia(page);
  expect(await video(page).evaluate((element: HTMLVideoElement) => Math.round(element.duration))).toBe(90);

  // Three times: inside the first cue, inside the sixth, and in the pause between the third and fourth.
  const [first, , third, , , sixth] = cues;
  await seek(page, ((first?.start ?? 0) + 500) / 1000);
  await expect.poll(() => preview(page).innerText()).toBe(onScreen(first));
  expect(onScreen(first)).toContain('\n');
  await seek(page, ((sixth?.start ?? 0) + 1000) / 1000);
  await expect.poll(() => preview(page).innerText()).toBe(onScreen(sixth));
  await seek(page, ((third?.end ?? 0) + 3000) / 1000);
  await expect.poll(() => preview(page).innerText()).toBe('');

  // Play from the start of cue 2: the playhead moves, the overlay and the grid follow the speech.
  await seek(page, (cues[1]?.start ?? 0) / 1000);
  const controls = page.getByRole('toolbar', { name: 'Player' });
  await controls.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(controls.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect
    .poll(() => video(page).evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(((cues[1]?.start ?? 0) + 800) / 1000);
  // The grid's selection follows playback, so the keyboard is in the cue being spoken: Ctrl+P pauses from there.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
    .toMatch(/^한국어, segment \d+$/u);
  await page.keyboard.press('Control+p');
  await expect(controls.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const at = await video(page).evaluate((element: HTMLVideoElement) => element.currentTime * 1000);
  const showing = cues.findIndex((cue) => (cue.start ?? 0) <= at && at < (cue.end ?? 0));
  expect(showing).toBeGreaterThanOrEqual(1);
  await expect.poll(() => preview(page).innerText()).toBe(onScreen(cues[showing]));
  // The grid's selection followed playback: the focused cell is in the cue's row.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
    .toBe(`한국어, segment ${showing + 1}`);

  // The subtitle language is a choice.
  await page.getByRole('combobox', { name: 'Subtitles in' }).selectOption({ label: 'English' });
  await expect
    .poll(() => preview(page).innerText())
    .toBe(screenText(cues[showing]?.texts.en ?? '', 'en', DEFAULT_RULES));
});

test('dragging a cue edge on the waveform changes its time, snapped to frames, and undo restores it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openProject(page, join(demoFolder, 'kursk-appeal-demo.subrelay'));
  await waitForMedia(page);
  const start = page.getByRole('textbox', { name: 'Start of segment 2' });
  const before = await start.inputValue();
  expect(parseTime(before)).toBe(cues[1]?.start);

  const edge = page.getByRole('slider', { name: 'Start of cue 2' });
  await expect(edge).toBeAttached({ timeout: 20_000 });
  await edge.scrollIntoViewIfNeeded();
  const box = await edge.boundingBox();
  expect(box).not.toBeNull();
  const x = (box?.x ?? 0) + (box?.width ?? 0) / 2;
  const y = (box?.y ?? 0) + (box?.height ?? 0) / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // At the default zoom of 50 px a second, 30 px are 0.6 s.
  for (let step = 1; step <= 6; step++) await page.mouse.move(x + step * 5, y);
  await page.mouse.up();
  await expect(start).not.toHaveValue(before);
  const moved = parseTime(await start.inputValue()) ?? 0;
  expect(moved - (cues[1]?.start ?? 0)).toBeGreaterThan(400);
  expect(moved - (cues[1]?.start ?? 0)).toBeLessThan(800);
  // On a frame of the project's 24 fps.
  expect(Math.abs(moved - Math.round(Math.round(moved / (1000 / 24)) * (1000 / 24)))).toBeLessThanOrEqual(1);
  await expect(edge).toHaveAttribute('aria-valuenow', String(moved));

  await page.keyboard.press('Control+z');
  await expect(start).toHaveValue(before);

  // The edge is a slider for the keyboard too: one frame per arrow key, never past the cue before it.
  await edge.focus();
  await page.keyboard.press('ArrowRight');
  await expect(start).toHaveValue('00:00:04,125');
  for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowLeft');
  // Cue 1 ends at 4000 and the minimum gap is 2 frames (83 ms): cue 2 cannot start before 4083.
  await expect(start).toHaveValue(before);
});

test('Time from speech times an untimed transcript from the demo track', async ({ page }) => {
  test.setTimeout(120_000);
  // Tall enough for the player and all nine rows at once (rows out of view are not in the page).
  await page.setViewportSize({ width: 1440, height: 1800 });
  const demo = parseProject(await readFile(join(demoFolder, 'kursk-appeal-demo.subrelay'), 'utf8'));
  const untimed = {
    ...demo,
    documents: demo.documents.map((document) =>
      document.id !== 'appeal'
        ? document
        : {
            ...document,
            segments: document.segments.map(
              (segment) =>
                Object.fromEntries(
                  Object.entries(segment).filter(([key]) => key !== 'start' && key !== 'end'),
                ) as Segment,
            ),
          },
    ),
  };
  const path = join(demoFolder, 'untimed.subrelay');
  await writeFile(path, serializeProject(untimed));
  await openProject(page, path);
  await waitForMedia(page);
  await expect(page.getByRole('textbox', { name: 'Start of segment 1' })).toHaveValue('');

  await page.getByRole('toolbar').getByRole('button', { name: 'Media' }).click();
  await page.getByRole('menuitem', { name: 'Time from speech…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Time from speech' });
  await expect(dialog.getByRole('status')).toContainText(`${cues.length} cues would move`, { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').first()).toContainText(`Timed ${cues.length} cues from the speech`);

  let previousEnd = -1;
  for (let index = 0; index < cues.length; index++) {
    const start = parseTime(await page.getByRole('textbox', { name: `Start of segment ${index + 1}` }).inputValue());
    const end = parseTime(await page.getByRole('textbox', { name: `End of segment ${index + 1}` }).inputValue());
    expect(start, `start of cue ${index + 1}`).toBeDefined();
    expect(end, `end of cue ${index + 1}`).toBeDefined();
    // In order, never overlapping, and near where espeak-ng started saying it.
    expect(start ?? 0).toBeGreaterThan(previousEnd);
    expect(end ?? 0).toBeGreaterThan(start ?? 0);
    expect(Math.abs((start ?? 0) - (cues[index]?.start ?? 0)), `start of cue ${index + 1}`).toBeLessThan(400);
    previousEnd = end ?? 0;
  }
  // One undo step takes every time back.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('textbox', { name: 'Start of segment 1' })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: `End of segment ${cues.length}` })).toHaveValue('');
});
