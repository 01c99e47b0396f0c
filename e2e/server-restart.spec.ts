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
  // An open page: every script it needs has loaded (a server lost before that is the next test's case).
  await page.waitForLoadState('networkidle');

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

test('a page that loses the server before its scripts are in says so, and loads again by itself once the server answers', async ({ page }) => {
  const token = await devToken(server.baseUrl, 'Restart Tester', 'operator');
  const url = `${server.baseUrl}/?token=${token}`;
  // The scripts the page's HTML names load; the ones it loads later find no server, as when the server
  // goes away in the page's first second.
  const html = await (await page.request.get(url)).text();
  const named = new Set([...html.matchAll(/\/_next\/static\/chunks\/[\w.-]+\.js/g)].map((m) => m[0]));
  let refused = 0;
  await page.route('**/_next/static/chunks/*.js', (route) => {
    if (named.has(new URL(route.request().url()).pathname)) return route.continue();
    refused++;
    return route.abort('connectionrefused');
  });
  await page.goto(url);
  await expect(page.getByTestId('load-error')).toContainText(/could not finish loading/i, { timeout: 15_000 });
  expect(refused).toBeGreaterThan(0);
  await page.unroute('**/_next/static/chunks/*.js');
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 30_000 });
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 15_000 });
});
