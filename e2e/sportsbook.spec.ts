import { expect, test } from '@playwright/test';
import { openAs, saveScreenshot, saveScreenshotsAtSizes, signInWithForm } from './fixtures/session';

test('sportsbook staff land on the market ladder and never see floor panels', async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithForm(page, 'Sam Sportsbook', 'sportsbook');
  await expect(page).toHaveURL(/\/sportsbook$/);
  await expect(page.getByTestId('market-ladder')).toBeVisible();
  await expect(page.getByTestId('ladder-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('ladder-side')).toHaveCount(2);
  await expect(page.getByTestId('sport-event').first()).toBeVisible();

  for (const floorPanel of ['bets-panel', 'wins-panel', 'jackpots-panel', 'kpis-panel', 'floor-map', 'alarms-summary']) {
    await expect(page.getByTestId(floorPanel)).toHaveCount(0);
  }
  await expect(page.getByRole('link', { name: 'Floor' })).toHaveCount(0);

  // Picking another market of the event redraws the ladder.
  const tabs = page.getByRole('tab');
  if ((await tabs.count()) > 1) {
    await tabs.nth(1).click();
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('ladder-row').first()).toBeVisible();
  }
  await page.getByRole('tab').first().click();

  // The README picture shows a market in play: a live event, with matched bets and some price history.
  const live = page.getByTestId('sport-event').filter({ hasText: /· live ·/ }).first();
  if ((await live.count()) > 0) await live.click();
  await page.getByTestId('matched-row').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(10_000);
  await saveScreenshot(page, 'sportsbook');
  await saveScreenshotsAtSizes(page, 'sportsbook');

  await page.goto('/');
  await expect(page).toHaveURL(/\/sportsbook$/);
  await expect(page.getByTestId('bets-panel')).toHaveCount(0);
  await page.goto('/alarms');
  await expect(page.getByTestId('not-permitted')).toContainText('Not permitted for your role');
  await expect(page.getByTestId('alarms-panel')).toHaveCount(0);
});

test('an operator never sees markets', async ({ page }) => {
  await openAs(page, 'Ola Operator', 'operator', '/sportsbook');
  await expect(page.getByTestId('not-permitted')).toBeVisible();
  await expect(page.getByTestId('market-ladder')).toHaveCount(0);
});

test('a manager sees both the floor and the markets', async ({ page }) => {
  await openAs(page, 'Max Manager', 'manager', '/sportsbook');
  await expect(page.getByTestId('ladder-row').first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Floor' }).click();
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });
});
