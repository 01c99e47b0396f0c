import { expect, test } from '@playwright/test';
import { mintToken } from './fixtures/session';

test('a token in the address is taken, removed from the address bar, and kept for the browser', async ({ page }) => {
  const token = await mintToken(page, 'Tara Token', 'manager');
  await page.goto(`/alarms?token=${encodeURIComponent(token)}`);
  await expect(page.getByTestId('user-name')).toHaveText('Tara Token');
  await expect(page).toHaveURL(/\/alarms$/);
  expect(page.url()).not.toContain('token');
  expect(await page.evaluate(() => localStorage.getItem('floor-monitor.token'))).toBe(token);

  await page.reload();
  await expect(page.getByTestId('user-name')).toHaveText('Tara Token');
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 10_000 });
});
