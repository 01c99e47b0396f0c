import { expect, test } from '@playwright/test';
import { openAs, saveScreenshot, saveScreenshotsAtSizes } from './fixtures/session';

test('every floor panel receives live data', async ({ page }) => {
  test.setTimeout(240_000);
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

  // The charts draw their lines: the KPI charts (a line from the second closed minute on: a server this
  // test finds younger than two minutes closes it within a minute) and every pot's sparkline.
  await expect(page.getByRole('img', { name: 'Turnover per minute over time' }).locator('.recharts-line-curve')).toHaveCount(1, { timeout: 70_000 });
  await expect(page.getByRole('img', { name: 'Deposits and withdrawals per minute over time' }).locator('.recharts-area-curve')).toHaveCount(2);
  await expect(page.getByTestId('jackpot-pot').first().locator('.recharts-line-curve')).toHaveCount(1, { timeout: 15_000 });

  // A pot that has been won shows where (with the line's next sample, every 5 s), and keeps showing it.
  const hitPot = page.getByTestId('jackpot-pot').filter({ hasText: 'Last hit' }).first();
  await expect(hitPot).toBeVisible({ timeout: 60_000 });
  // (A vertical line has no width, which Playwright counts as hidden: the lines are counted instead.)
  const markers = hitPot.locator('.recharts-reference-line-line');
  await expect(markers).not.toHaveCount(0, { timeout: 10_000 });

  // Let the charts gather a little history (new pot samples every 5 s), then keep a picture of the floor for the README.
  await page.waitForTimeout(15_000);
  await expect(markers).not.toHaveCount(0);
  await saveScreenshot(page, 'floor');
  await saveScreenshotsAtSizes(page, 'floor');
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

test('the bets table sorts by stake and hides a column on request', async ({ page }) => {
  test.setTimeout(60_000);
  await openAs(page, 'Sol Sorter', 'operator');
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Pause feeds' }).click();
  const table = page.getByRole('region', { name: 'Live bets' });

  await table.getByRole('button', { name: 'Stake' }).click();
  await expect(table.getByRole('columnheader', { name: /Stake/ })).toHaveAttribute('aria-sort', 'descending');
  const stakes = (await page.getByTestId('bet-row').locator('td:nth-child(6)').allTextContents()).map((s) => Number(s.replace(/[^\d.]/g, '')));
  expect(stakes.length).toBeGreaterThan(1);
  expect(stakes).toEqual([...stakes].sort((a, b) => b - a));

  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Device' }).uncheck();
  await expect(table.getByRole('columnheader')).toHaveCount(5);
  await expect(page.getByTestId('bet-row').first().locator('td')).toHaveCount(5);
});
