import { expect, test } from '@playwright/test';
import { openAs, saveScreenshot } from './fixtures/session';

test('every floor panel receives live data', async ({ page }) => {
  test.setTimeout(150_000);
  await openAs(page, 'Maya Manager', 'manager');

  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('win-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('jackpot-pot').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('device-tile').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('alarm-summary-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('presence-user').filter({ hasText: 'Maya Manager' })).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toContainText(/\d+ ms/);

  // The tile reports the last full minute the gateway counted: a server younger than a minute has none yet.
  const betsPerMinute = page.getByTestId('kpi-tile').filter({ hasText: 'Bets / min' });
  await expect.poll(async () => Number((await betsPerMinute.locator('p').nth(1).textContent()) ?? 0), { timeout: 65_000 }).toBeGreaterThan(0);

  // A pot ticks: its value changes while play feeds it.
  const pot = page.getByTestId('jackpot-pot').first().locator('p').first();
  const before = await pot.textContent();
  await expect.poll(async () => pot.textContent(), { timeout: 20_000 }).not.toBe(before);

  // Let the charts gather a little history, then keep a picture of the floor for the README.
  await page.waitForTimeout(15_000);
  await saveScreenshot(page, 'floor');
});

test('the bets filter narrows the live table to one player', async ({ page }) => {
  await openAs(page, 'Fran Filter', 'operator');
  const first = page.getByTestId('bet-row').first();
  await expect(first).toBeVisible({ timeout: 10_000 });
  const player = (await first.locator('td').nth(1).textContent())!.trim();
  await page.getByRole('button', { name: 'Pause feeds' }).click();
  await page.getByLabel('Filter bets by player, game or device').fill(player);
  const rows = page.getByTestId('bet-row');
  await expect(rows.first()).toBeVisible();
  for (const cell of await rows.locator('td:nth-child(2)').allTextContents()) expect(cell.trim()).toBe(player);
});

test('the location filter narrows bets, devices and the presence scope to one location', async ({ page }) => {
  await openAs(page, 'Lou Location', 'manager');
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('device-tile').first()).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('location-filter').selectOption('loc-high');

  await expect(page.getByTestId('floor-location')).toHaveCount(1);
  await expect(page.getByTestId('floor-location')).toHaveAttribute('aria-label', 'High');
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });
  for (const cell of await page.getByTestId('bet-row').locator('td:nth-child(5)').allTextContents()) expect(cell.trim()).toBe('High');
  await expect(page.getByTestId('presence-panel')).toContainText('High');
  await expect(page.getByTestId('presence-user').filter({ hasText: 'Lou Location' })).toBeVisible({ timeout: 5_000 });
});
