import { expect, test } from '@playwright/test';
import { mintToken, openAs } from './fixtures/session';

/** Records CSP violations the page reports, before any of its own scripts run. */
function recordViolations() {
  const seen: string[] = [];
  (window as unknown as { __violations: string[] }).__violations = seen;
  document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
}

test('pages carry a CSP that forbids framing and foreign scripts, nosniff and no-referrer', async ({ page }) => {
  for (const path of ['/', '/alarms', '/sportsbook', '/login']) {
    const res = await page.request.get(path);
    const headers = res.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('no-referrer');
  }
  const api = await page.request.get('/api/health');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
});

test('the dashboard runs under its CSP with no violation, on every view', async ({ page }) => {
  const console: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) console.push(msg.text());
  });
  await page.addInitScript(recordViolations);
  await openAs(page, 'Cora Policy', 'admin');
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 15_000 });
  for (const path of ['/alarms', '/sportsbook', '/']) {
    await page.goto(path);
    await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 15_000 });
  }
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(console).toEqual([]);
});

test('a token in the address never leaves the browser: not in a Referer, not in the socket URL', async ({ page }) => {
  const token = await mintToken(page, 'Rhea Referer', 'manager');
  const leaks: string[] = [];
  const sockets: string[] = [];
  const firstFrames: string[] = [];
  page.on('request', (req) => {
    const referer = req.headers()['referer'] ?? '';
    if (req.url().includes(token) && !req.url().includes('/alarms?token=')) leaks.push(`url ${req.url()}`);
    if (referer.includes(token)) leaks.push(`referer of ${req.url()}`);
  });
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framesent', (f) => {
      if (firstFrames.length < sockets.length) firstFrames.push(String(f.payload));
    });
  });
  await page.goto(`/alarms?token=${encodeURIComponent(token)}`);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 15_000 });
  expect(page.url()).not.toContain('token');
  expect(leaks).toEqual([]);
  const dashboardSockets = sockets.filter((u) => u.includes('/v1/ws'));
  expect(dashboardSockets.length).toBeGreaterThan(0);
  for (const url of dashboardSockets) expect(url).not.toContain('token');
  expect(JSON.parse(firstFrames[sockets.indexOf(dashboardSockets[0])])).toEqual({ type: 'auth', token });
});
