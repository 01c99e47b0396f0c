import { type Page, expect, test } from '@playwright/test';
import { openAs, saveScreenshot, saveScreenshotsAtSizes, signInWithForm } from './fixtures/session';

/** A decimal price as the ladder shows it by default: 2.12, 15.5, 210. */
const DECIMAL = /^\d{1,3}(\.\d{1,2})?$/;

/** Opens the first event's winner market once its selections and some traded volume have arrived. */
async function openTradedMarket(page: Page) {
  await expect(page.getByTestId('runner-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('total-matched')).toHaveText(/^Matched €[1-9][\d,]*$/, { timeout: 45_000 });
}

test('sportsbook staff trade from a ladder: back and lay in decimal odds, last traded price, total matched, our book', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInWithForm(page, 'Sam Sportsbook', 'sportsbook');
  await expect(page).toHaveURL(/\/sportsbook$/);
  await expect(page.getByTestId('sport-event').first()).toBeVisible({ timeout: 15_000 });

  // Football first: the winner market is three-way, with the draw.
  await page.getByTestId('sport-event').filter({ hasText: 'Arsenal v Chelsea' }).click();
  await page.getByRole('tab', { name: 'Match Odds' }).click();
  await openTradedMarket(page);
  await expect(page.getByTestId('runner-name')).toHaveText(['Arsenal', 'The Draw', 'Chelsea']);

  // Every selection: back and lay prices in decimal, back below lay, stakes in the floor's currency.
  for (const row of await page.getByTestId('runner-row').all()) {
    const back = row.getByTestId('back-cell').last();
    const lay = row.getByTestId('lay-cell').first();
    const backPrice = (await back.locator('span').first().innerText()).replace(/[▲▼]/g, '').trim();
    const layPrice = (await lay.locator('span').first().innerText()).replace(/[▲▼]/g, '').trim();
    expect(backPrice).toMatch(DECIMAL);
    expect(layPrice).toMatch(DECIMAL);
    expect(Number(backPrice)).toBeLessThan(Number(layPrice));
    await expect(back).toContainText(/€[\d,]+/);
  }

  // The selection's ladder: lay side above the back side, up to ten levels each, the last traded price marked.
  const ladder = page.getByTestId('selection-ladder');
  await expect(ladder.locator('[data-testid="ladder-row"][data-side="back"]')).toHaveCount(10);
  await expect(ladder.locator('[data-testid="ladder-row"][data-side="lay"]')).toHaveCount(10);
  const ltpRow = page.getByTestId('runner-row').filter({ has: page.getByTestId('ltp').filter({ hasText: /LTP \d/ }) }).first();
  await expect(ltpRow).toBeVisible({ timeout: 30_000 });
  await expect(ltpRow.getByTestId('ltp')).toHaveText(/^LTP \d{1,3}(\.\d{1,2})?$/);
  await ltpRow.click();
  await expect(ladder.getByTestId('ladder-ltp')).toHaveText(DECIMAL);

  // Totals markets sit on distinct lines.
  const tabs = await page.getByRole('tab').allInnerTexts();
  expect(tabs.flatMap((t) => t.match(/^Over\/Under ([\d.]+) Goals/)?.[1] ?? [])).toEqual(['1.5', '2.5', '3.5']);

  // Our own plays on the exchange, for sportsbook staff.
  await expect(page.getByTestId('market-position')).toBeVisible();
  await expect(page.getByTestId('our-book-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('our-book-row').first()).toContainText(/€[\d,]+/);

  // Odds in American are this user's choice, kept across a reload.
  await page.getByLabel('Odds format').selectOption('american');
  await expect(page.getByTestId('back-cell').first().locator('span').first()).toHaveText(/^[▲▼]?[+-]\d+$/);
  await page.reload();
  await expect(page.getByLabel('Odds format')).toHaveValue('american');
  await page.getByLabel('Odds format').selectOption('decimal');

  for (const floorPanel of ['bets-panel', 'wins-panel', 'jackpots-panel', 'kpis-panel', 'floor-map', 'alarms-summary']) {
    await expect(page.getByTestId(floorPanel)).toHaveCount(0);
  }
  await expect(page.getByRole('link', { name: 'Floor' })).toHaveCount(0);

  // The README pictures: a market in play at the two screen sizes a trading desk uses.
  await page.getByTestId('sport-event').filter({ hasText: 'Arsenal v Chelsea' }).click();
  await page.getByRole('tab', { name: 'Match Odds' }).click();
  await page.getByTestId('matched-row').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(3000);
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

test('a manager sees the markets but not our book, and the floor', async ({ page }) => {
  await openAs(page, 'Max Manager', 'manager', '/sportsbook');
  await expect(page.getByTestId('runner-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('selection-ladder')).toBeVisible();
  await expect(page.getByTestId('our-book')).toHaveCount(0);
  await expect(page.getByTestId('market-position')).toHaveCount(0);
  await expect(page.getByTestId('if-wins')).toHaveCount(0);
  await page.getByRole('link', { name: 'Floor' }).click();
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });
});
