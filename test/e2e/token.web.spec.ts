import { expect, test } from '@playwright/test';
import { startWebMode } from './webMode';

// Issue 14: the web mode's token left the address bar and the history; the page keeps it in session storage.
test('the web mode moves its token out of the address bar and keeps working after a reload', async ({ page }) => {
  const web = await startWebMode();
  try {
    await page.goto(web.url);
    await expect(page.getByRole('table')).toBeVisible();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.getItem('subrelay.token'))).toBe(
      new URL(web.url).searchParams.get('token'),
    );
    await page.reload();
    // The sample comes through the token-checked API: the token still works without the URL.
    await expect(page.getByRole('textbox', { name: 'English, segment 1', exact: true })).toHaveValue(
      'My brothers, you and I are from the same people,',
    );
  } finally {
    await web.stop();
  }
});
