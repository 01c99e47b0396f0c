import { expect, test } from '@playwright/test';
import { mintToken } from './fixtures/session';

const SEED = 'x-floor-monitor-seed';

test("a floor opened with a token in its address has the newest bets in the server's HTML", async ({ page }) => {
  const token = await mintToken(page, 'Sid Seeded', 'operator');
  const html = await (await page.request.get(`/?token=${encodeURIComponent(token)}`)).text();
  expect(html).toContain('id="floor-monitor-seed"');
  expect(html.match(/data-testid="bet-row"/g)?.length ?? 0).toBeGreaterThan(5);
  expect(html).toContain('Sid Seeded');
  expect(html).not.toContain('data-testid="session-splash"');
  // The token stays in the browser's address only: the page's HTML and Next's router state never carry it.
  expect(html).not.toContain(token.slice(-20));
  // The styles come inside the HTML: the first paint waits for no stylesheet request.
  expect(html).toMatch(/<style[^>]*data-precedence/);
  expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
});

test('the seeded page hydrates in a time zone of its own without an error, then goes on live from where it was rendered', async ({ browser, page }) => {
  const token = await mintToken(page, 'Zara Zone', 'operator');
  const context = await browser.newContext({ timezoneId: 'Asia/Kolkata' });
  const zoned = await context.newPage();
  const errors: string[] = [];
  zoned.on('pageerror', (e) => errors.push(e.message));
  zoned.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const subscribes: Record<string, unknown>[] = [];
  zoned.on('websocket', (socket) => socket.on('framesent', (f) => String(f.payload).includes('"subscribe"') && subscribes.push(JSON.parse(String(f.payload)))));
  await zoned.goto(`/?token=${encodeURIComponent(token)}`);
  await expect(zoned.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 15_000 });
  await expect(zoned.getByTestId('bet-row').first()).toContainText(/\d\d:\d\d:\d\d/);
  const game = subscribes.find((f) => f.channel === 'game');
  expect(game?.since, 'the first subscribe resumes game after the rendered bets').toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a page renders no data for a load without a verified floor token, nor from a header the client sends', async ({ page }) => {
  const sportsbook = await mintToken(page, 'Sam Books', 'sportsbook');
  const operator = await mintToken(page, 'Olly Op', 'operator');
  const forged = Buffer.from(
    JSON.stringify({ user: { user_id: 'u-forged', name: 'Forged Admin', role: 'admin' }, bets: { epoch: 'e', seq: 1, frames: [] } }),
  ).toString('base64url');
  for (const [url, headers] of [
    ['/', {}],
    ['/', { [SEED]: forged }],
    [`/?token=${encodeURIComponent(sportsbook)}`, {}],
    [`/?token=${encodeURIComponent(operator.slice(0, -3))}abc`, {}],
    [`/alarms?token=${encodeURIComponent(operator)}`, { [SEED]: forged }],
  ] as const) {
    const html = await (await page.request.get(url, { headers })).text();
    expect(html, url).not.toContain('floor-monitor-seed');
    expect(html, url).not.toContain('data-testid="bet-row"');
    expect(html, url).not.toContain('Forged Admin');
    for (const token of [sportsbook, operator]) expect(html, url).not.toContain(token.slice(-20));
  }
});
