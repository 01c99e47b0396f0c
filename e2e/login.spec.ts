import { expect, test } from '@playwright/test';
import { signInWithForm } from './fixtures/session';

test('an operator signs in and sees bets arrive within seconds', async ({ page }) => {
  await signInWithForm(page, 'Olive Operator', 'operator');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 10_000 });
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId('user-name')).toHaveText('Olive Operator');
  await expect(page.getByTestId('user-role')).toHaveText(/operator/i);
  await expect(page.getByRole('link', { name: 'Sportsbook' })).toHaveCount(0);
});

test('signing out forgets the token: the floor then asks for sign-in again', async ({ page }) => {
  await signInWithForm(page, 'Sid Signout', 'manager');
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await page.evaluate(() => localStorage.getItem('floor-monitor.token'))).toBeNull();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a refused token sends the user to the login page with the reason', async ({ page }) => {
  await page.goto('/?token=not-a-real-token');
  await expect(page).toHaveURL(/\/login\?reason=refused/);
  await expect(page.getByTestId('login-reason')).toHaveText(/The gateway refused the token: the token could not be read/);
  await page.evaluate(() =>
    localStorage.setItem('floor-monitor.token', `${btoa('{}')}.${btoa(JSON.stringify({ sub: 'u', name: 'Forged', role: 'admin', exp: 4e9 }))}.bad`),
  );
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?reason=refused/, { timeout: 10_000 });
  await expect(page.getByTestId('login-reason')).toHaveText(/The gateway refused the token: Token rejected: bad signature or claims/);
});
