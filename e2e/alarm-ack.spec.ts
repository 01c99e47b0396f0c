import { expect, test } from '@playwright/test';
import { openAs, raiseDeviceAlarm, restoreDevice, spareTerminalId } from './fixtures/session';

test('a manager acknowledges an alarm and an operator sees it acknowledged within a second', async ({ browser }) => {
  const managerContext = await browser.newContext();
  const operatorContext = await browser.newContext();
  const manager = await managerContext.newPage();
  const operator = await operatorContext.newPage();
  await openAs(manager, 'Mira Manager', 'manager', '/alarms');
  await openAs(operator, 'Omar Operator', 'operator', '/alarms');

  const terminal = spareTerminalId();
  await raiseDeviceAlarm(manager, terminal);
  const managerRow = manager.getByTestId('alarm-row').filter({ hasText: terminal });
  const operatorRow = operator.getByTestId('alarm-row').filter({ hasText: terminal });
  await expect(managerRow).toHaveAttribute('data-state', 'unacked');
  await expect(operatorRow).toHaveAttribute('data-state', 'unacked');
  await expect(operatorRow.getByRole('button', { name: /^Acknowledge/ })).toBeDisabled();
  await expect(operator.getByTestId('alarms-view-only')).toContainText('cannot acknowledge');

  await managerRow.getByRole('button', { name: /^Acknowledge/ }).click();
  await expect(operatorRow).toHaveAttribute('data-state', 'acked', { timeout: 1_000 });
  await expect(managerRow).toHaveAttribute('data-state', 'acked');
  await expect(operatorRow).toContainText('acked by');
  await expect(operatorRow.getByRole('button', { name: /^Acknowledge/ })).toBeDisabled();

  await restoreDevice(manager, terminal);
  await expect(operatorRow).toHaveCount(0);
  await managerContext.close();
  await operatorContext.close();
});

test('the keyboard moves the selection and `a` acknowledges with the note typed for that alarm', async ({ page }) => {
  await openAs(page, 'Kim Keys', 'manager', '/alarms');
  const terminal = spareTerminalId();
  await raiseDeviceAlarm(page, terminal);
  const row = page.getByTestId('alarm-row').filter({ hasText: terminal });
  await expect(row).toHaveAttribute('data-state', 'unacked');

  const grid = page.getByRole('grid', { name: 'Open alarms' });
  await grid.locator('[tabindex="0"]').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('alarm-row').first()).toHaveAttribute('aria-selected', 'true');
  // Walk down to the new alarm with the arrow keys.
  for (let i = 0; i < 100 && (await row.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(row).toBeFocused();

  await page.keyboard.press('n');
  await expect(page.getByLabel('Note for this alarm')).toBeFocused();
  await page.keyboard.type('Checked on the floor');
  await row.focus();
  await page.keyboard.press('a');
  await expect(row).toHaveAttribute('data-state', 'acked');
  await expect(row).toContainText('Checked on the floor');
  await restoreDevice(page, terminal);
});

test('a shelved alarm goes to its own section and says until when and why', async ({ page }) => {
  await openAs(page, 'Shea Shelver', 'manager', '/alarms');
  const terminal = spareTerminalId();
  await raiseDeviceAlarm(page, terminal);
  const row = page.getByTestId('alarm-row').filter({ hasText: terminal });
  await expect(row).toHaveAttribute('data-state', 'unacked');
  await row.focus();
  await page.keyboard.press('s');
  await expect(page.getByLabel('Shelve: reason (required)')).toBeFocused();
  await page.keyboard.type('Known fault, repair booked');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('alarm-section-shelved').getByTestId('alarm-row').filter({ hasText: terminal })).toContainText(/Shelved until \d\d:\d\d — Known fault, repair booked/);
  await restoreDevice(page, terminal);
});
