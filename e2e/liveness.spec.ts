import { expect, test } from '@playwright/test';
import { ServerProcess, devToken } from './fixtures/server-process';

// A server of this spec's own: it is frozen with SIGSTOP, which must not disturb the suite's server.
const server = new ServerProcess(Number(process.env.E2E_PORT ?? 3107) + 20);

test.beforeAll(async () => {
  await server.start();
});

test.afterAll(async () => {
  server.resume();
  await server.kill();
});

test('a frozen gateway stops reading "Live" within 12 s, panels show their data age, and it comes back by itself', async ({ page }) => {
  test.setTimeout(200_000);
  const token = await devToken(server.baseUrl, 'Lia Liveness', 'manager');
  await page.goto(`${server.baseUrl}/?token=${encodeURIComponent(token)}`);
  const badge = page.getByTestId('connection-badge');
  await expect(badge).toContainText('Live', { timeout: 15_000 });
  await expect(page.getByTestId('jackpot-pot').first()).toBeVisible({ timeout: 15_000 });
  // The tiles report the last closed minute: on a server this young, wait for its first full minute.
  const betsPerMinute = page.getByTestId('kpi-tile').filter({ hasText: 'Bets / min' });
  await expect.poll(async () => Number((await betsPerMinute.locator('p').nth(1).textContent()) ?? 0), { timeout: 80_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('stale-marker')).toHaveCount(0);

  const pausedAt = Date.now();
  server.pause();
  try {
    await expect(badge).not.toContainText('Live', { timeout: 12_000 });
    expect(Date.now() - pausedAt, 'the badge left "Live" within 12 s').toBeLessThan(12_000);
    await expect(badge).toContainText(/No data for \d+ s/);

    // Every panel with data says how old it is.
    for (const panel of ['kpis-panel', 'jackpots-panel', 'wins-panel', 'bets-panel', 'floor-map']) {
      await expect(page.getByTestId(panel).getByTestId('stale-marker'), panel).toContainText(/Last data \d\d:\d\d:\d\d · \d+ s ago/);
    }
    // KPI tiles keep their last known figures, marked, instead of falling to zero.
    await expect(betsPerMinute).toHaveAttribute('data-stale', 'true');
    await expect(betsPerMinute).toContainText('last known');
    await page.waitForTimeout(5000);
    expect(Number(await betsPerMinute.locator('p').nth(1).textContent())).toBeGreaterThan(0);
  } finally {
    server.resume();
  }

  await expect(badge).toContainText('Live', { timeout: 30_000 });
  await expect(page.getByTestId('stale-marker')).toHaveCount(0, { timeout: 10_000 });
  await expect(betsPerMinute).not.toHaveAttribute('data-stale', 'true');
});
