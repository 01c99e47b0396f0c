import { expect, test } from '@playwright/test';
import { openAs } from './fixtures/session';

test('presence lists both users and drops one when its page closes', async ({ browser }) => {
  const managerContext = await browser.newContext();
  const operatorContext = await browser.newContext();
  const manager = await managerContext.newPage();
  const operator = await operatorContext.newPage();
  await openAs(manager, 'Pia Presence', 'manager');
  await openAs(operator, 'Oscar Presence', 'operator');

  const managerSees = manager.getByTestId('presence-user');
  await expect(managerSees.filter({ hasText: 'Oscar Presence' })).toBeVisible({ timeout: 5_000 });
  await expect(managerSees.filter({ hasText: 'Pia Presence' })).toBeVisible();
  await expect(operator.getByTestId('presence-user').filter({ hasText: 'Pia Presence' })).toBeVisible();
  await expect(operator.getByTestId('presence-user').filter({ hasText: 'Oscar Presence' })).toContainText('operator');

  await operator.close();
  await expect(managerSees.filter({ hasText: 'Oscar Presence' })).toHaveCount(0, { timeout: 10_000 });
  await expect(managerSees.filter({ hasText: 'Pia Presence' })).toBeVisible();

  await managerContext.close();
  await operatorContext.close();
});
