import { type Page, expect, test } from '@playwright/test';
import { mintToken, openAs, saveScreenshot } from './fixtures/session';

const KEY = 'floor-monitor.token';

/** A token with readable claims whose `exp` has passed (the page forgets it before the gateway is asked). */
const EXPIRED = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'u-old', name: 'Old Session', role: 'manager', exp: 1_700_000_000 })).toString('base64url')}.sig`;

test('a second tab of a signed-in browser opens the alarms page, and signing out in one tab signs out the other', async ({ page, context }) => {
  await openAs(page, 'Tab One', 'manager');
  const second = await context.newPage();
  await second.goto('/alarms');
  await expect(second).toHaveURL(/\/alarms$/);
  await expect(second.getByTestId('alarms-panel')).toBeVisible();
  await expect(second.getByTestId('user-name')).toHaveText('Tab One');
  await expect(second.getByTestId('connection-badge')).toContainText('Live', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(second).toHaveURL(/\/login\?reason=signed_out&next=%2Falarms/);
  await expect(second.getByTestId('login-reason')).toHaveText(/signed out in another tab/i);
});

test('sign-in returns to the page that was asked for', async ({ page }) => {
  await page.goto('/alarms');
  await expect(page).toHaveURL(/\/login\?next=%2Falarms$/);

  await page.goto('/login?next=/sportsbook');
  await page.getByLabel('Name').fill('Nia Next');
  await page.getByRole('radio', { name: /manager/i }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sportsbook$/);
  await expect(page.getByTestId('user-name')).toHaveText('Nia Next');
});

test('a link off the site in ?next= is ignored', async ({ page }) => {
  await page.goto('/login?next=//evil.example/');
  await page.getByLabel('Name').fill('Sam Safe');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test('an expired token is forgotten and the login page says the session expired', async ({ page }) => {
  // Stored before /alarms runs any script (and only there): a page that hydrates late cannot forget it first.
  await page.addInitScript(([key, token]) => {
    if (location.pathname === '/alarms') localStorage.setItem(key, token);
  }, [KEY, EXPIRED]);
  await page.goto('/alarms');
  await expect(page).toHaveURL(/\/login\?reason=expired&next=%2Falarms/);
  await expect(page.getByTestId('login-reason')).toHaveText(/Your session expired/);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
});

test('kiosk mode hides the navigation, enlarges the type, and is remembered for the tab', async ({ page }) => {
  const token = await mintToken(page, 'Kim Kiosk', 'operator');
  await page.goto(`/?kiosk=1&token=${encodeURIComponent(token)}`);
  await expect(page.getByTestId('connection-badge')).toContainText('Live', { timeout: 15_000 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('18px');

  await page.goto('/alarms');
  await expect(page.getByTestId('alarms-panel')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

  await page.goto('/?kiosk=0');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the manifest, icons and alarm sound are served from the product itself', async ({ page }) => {
  await page.goto('/login');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = (await (await page.request.get(href!)).json()) as { icons: { src: string }[] };
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok(), icon.src).toBe(true);
  const sound = await page.request.get('/alarm.wav');
  expect(sound.ok()).toBe(true);
  expect(sound.headers()['content-type']).toMatch(/audio/);
});

/** Panels whose box reaches past the viewport, and whether the page itself scrolls. */
async function clipped(page: Page) {
  return page.evaluate(() => {
    const h = window.innerHeight;
    const w = window.innerWidth;
    const panels = [...document.querySelectorAll<HTMLElement>('main section[data-state]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > h + 1 || r.right > w + 1 || r.height < 60;
      })
      .map((el) => el.dataset.testid);
    return { panels, pageScrolls: document.documentElement.scrollHeight > h + 1 };
  });
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]) {
  test(`the floor and the alarms fit ${size.width}×${size.height} without clipped panels`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await openAs(page, 'Wall Screen', 'manager');
    await expect(page.getByTestId('jackpot-pot').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('device-tile').first()).toBeVisible({ timeout: 15_000 });
    await page.waitForTimeout(12_000);
    expect(await clipped(page)).toEqual({ panels: [], pageScrolls: false });
    // Panels with more than they can show say so.
    for (const id of ['jackpots-panel', 'floor-map', 'wins-panel']) {
      const panel = page.getByTestId(id);
      const overflowing = await panel.locator('[data-scroll-area]').evaluate((el) => el.scrollHeight > el.clientHeight + 1);
      if (overflowing) await expect(panel.getByTestId('scroll-hint'), `${id} says there is more`).toBeVisible();
    }
    await saveScreenshot(page, `floor-${size.width}`);

    await page.goto('/alarms');
    await expect(page.getByTestId('alarms-panel')).toBeVisible();
    await expect(page.getByTestId('connection-badge')).toContainText('Live', { timeout: 15_000 });
    expect(await clipped(page)).toEqual({ panels: [], pageScrolls: false });
  });
}

test('a phone shows the floor summary and the alarms readably', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openAs(page, 'Pat Phone', 'manager');
  await expect(page.getByTestId('kpi-tile').first()).toBeInViewport();
  await expect(page.getByTestId('jackpot-pot').first()).toBeVisible({ timeout: 15_000 });
  const overflowX = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  expect(overflowX, 'nothing is wider than the phone').toBe(false);
  await page.waitForTimeout(8000);
  await saveScreenshot(page, 'floor-phone');

  await page.goto('/alarms');
  await expect(page.getByTestId('alarms-panel')).toBeInViewport();
  await expect(page.getByTestId('connection-badge')).toContainText('Live', { timeout: 15_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)).toBe(false);
  await page.waitForTimeout(3000);
  await saveScreenshot(page, 'alarms-phone');
});

test('kiosk screenshot at 1920×1080', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const token = await mintToken(page, 'Floor Screen', 'operator');
  await page.goto(`/?kiosk=1&token=${encodeURIComponent(token)}`);
  await expect(page.getByTestId('connection-badge')).toContainText('Live', { timeout: 15_000 });
  await expect(page.getByTestId('jackpot-pot').first()).toBeVisible({ timeout: 15_000 });
  await page.waitForTimeout(12_000);
  expect(await clipped(page)).toEqual({ panels: [], pageScrolls: false });
  await saveScreenshot(page, 'kiosk');
});
