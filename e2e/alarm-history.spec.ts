import { expect, test } from '@playwright/test';
import { alarmRow, downloadedText, freshTerminals, personAt, selectRow } from './fixtures/alarms';
import { openAs, raiseDeviceAlarm, restoreDevice } from './fixtures/session';

// The audit views: the history with its timeline, table and CSV, and the shift report. A live mock floor
// and a shared machine: give each test room.
test.describe.configure({ timeout: 150_000 });

test('the history finds an acked and cleared alarm by device, with who acked it and the note; the CSV holds it', async ({ browser }) => {
  const manager = await personAt(browser, 'Hana History', 'manager', '/alarms');
  const [terminal] = freshTerminals(1);
  await raiseDeviceAlarm(manager, terminal);
  await selectRow(alarmRow(manager, terminal));
  await manager.getByLabel('Note for this alarm').fill('Card reader replaced');
  await manager.getByRole('button', { name: 'Acknowledge with note' }).click();
  await expect(alarmRow(manager, terminal)).toHaveAttribute('data-state', 'acked');
  await restoreDevice(manager, terminal);
  await expect(alarmRow(manager, terminal)).toHaveCount(0);

  await manager.getByRole('link', { name: 'History & audit' }).click();
  await expect(manager.getByRole('heading', { level: 1, name: 'Alarm history' })).toBeVisible();
  await manager.getByRole('searchbox', { name: 'Search' }).fill(terminal);
  const row = manager.getByTestId('history-row').filter({ hasText: terminal });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Hana History');
  await expect(row).toContainText('Card reader replaced');
  await row.getByRole('button').first().click();
  const timeline = manager.getByTestId('alarm-timeline');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Acknowledged by Hana History' })).toContainText('Card reader replaced');
  await expect(timeline.getByTestId('timeline-entry').filter({ hasText: 'Cleared' })).toHaveCount(1);

  const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId('csv-export').click()]);
  const csv = await downloadedText(download);
  const line = csv.split('\n').find((l) => l.includes(terminal));
  expect(line).toBeDefined();
  expect(line).toContain('Card reader replaced');
  expect(line).toContain('Hana History');
  await manager.context().close();
});

test('the shift report shows the alarms the test raised: counts, chattering and the top ten', async ({ page }) => {
  await openAs(page, 'Rae Report', 'manager', '/alarms');
  const [terminal] = freshTerminals(1);
  // Raised eight times within a minute (a repeat counts as a raise): the top of the list, and chattering.
  for (let i = 1; i <= 8; i++) {
    await raiseDeviceAlarm(page, terminal);
    await expect(alarmRow(page, terminal)).toContainText(i > 1 ? `repeated ×${i}` : 'raised');
  }
  await page.getByRole('link', { name: 'Shift report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shift report' })).toBeVisible();
  await expect(page.getByTestId('figure-raised')).toContainText(/\d+/);
  expect(Number((await page.getByTestId('figure-raised').locator('p').nth(1).textContent()) ?? 0)).toBeGreaterThanOrEqual(1);
  const top = page.getByTestId('top-alarm-row').filter({ hasText: terminal });
  await expect(top.locator('td').last()).toHaveText('8');
  await expect(top).toContainText('chattering');
  await expect(page.getByTestId('report-rate').locator('.recharts-reference-line')).toHaveCount(1);
  await restoreDevice(page, terminal);
});

test('the history table sorts by a header click and hides a column from its menu', async ({ browser }) => {
  const page = await personAt(browser, 'Sorting Sam', 'manager', '/alarms');
  const [first, second] = freshTerminals(2);
  for (const t of [first, second]) await raiseDeviceAlarm(page, t);
  for (const t of [first, second]) {
    await expect(alarmRow(page, t)).toHaveAttribute('data-state', 'unacked');
    await alarmRow(page, t).getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(alarmRow(page, t)).toHaveAttribute('data-state', 'acked');
  }

  await page.getByRole('link', { name: 'History & audit' }).click();
  // Who acknowledged is searched too: exactly the two alarms this person acked.
  await page.getByRole('searchbox', { name: 'Search' }).fill('Sorting Sam');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  // The API's order, newest raised first; then the header sorts the loaded alarms by their message, each way.
  await expect(rows.nth(0)).toContainText(second);
  const header = page.getByRole('columnheader', { name: 'Alarm' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.nth(0)).toContainText(first);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.nth(0)).toContainText(second);

  await expect(rows.nth(0)).toContainText('Sorting Sam');
  await page.getByTestId('alarm-history').locator('summary', { hasText: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Acknowledged' }).uncheck();
  await expect(page.getByRole('columnheader', { name: 'Acknowledged' })).toHaveCount(0);
  await expect(rows.nth(0)).not.toContainText('Sorting Sam');

  for (const t of [first, second]) await restoreDevice(page, t);
  await page.context().close();
});
