import { expect, test } from '@playwright/test';
import { ServerProcess, devToken } from './fixtures/server-process';

const server = new ServerProcess(3117);

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.kill();
});

test('a killed and restarted server is rejoined by the open page without a reload', async ({ page }) => {
  const token = await devToken(server.baseUrl, 'Restart Tester', 'operator');
  await page.goto(`${server.baseUrl}/?token=${token}`);
  const badge = page.getByTestId('connection-badge');
  await expect(badge).toContainText(/live/i, { timeout: 15_000 });
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 15_000 });

  // Mark the document: if the page reloaded, the mark would be gone.
  await page.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));

  await server.kill();
  await expect(badge).toContainText(/reconnecting|offline/i, { timeout: 15_000 });

  await server.start();
  await expect(badge).toContainText(/live/i, { timeout: 30_000 });
  const firstIdAfter = await page.getByTestId('bet-row').first().getAttribute('data-id');
  await expect
    .poll(async () => page.getByTestId('bet-row').first().getAttribute('data-id'), { timeout: 20_000 })
    .not.toBe(firstIdAfter);
  expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
});
