import { rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { alarmRow, dismissToasts, floorDevices, freshTerminals, navUnacked, personAt, selectRow, setMockRunning } from './fixtures/alarms';
import { ServerProcess } from './fixtures/server-process';
import { openAs, raiseDeviceAlarm, restoreDevice, saveScreenshot } from './fixtures/session';

// Two browsers, a live mock floor and a shared machine: give each test room.
test.describe.configure({ timeout: 150_000 });

test('a note typed for alarm B is saved with B even when A was selected and acknowledged first', async ({ browser }) => {
  const ana = await personAt(browser, 'Ana Lead', 'manager', '/alarms');
  const ben = await personAt(browser, 'Ben Second', 'manager', '/alarms');
  const [a, b] = freshTerminals(2);
  await raiseDeviceAlarm(ana, a);
  await raiseDeviceAlarm(ana, b);
  await expect(alarmRow(ana, a)).toHaveAttribute('data-state', 'unacked');
  await expect(alarmRow(ana, b)).toHaveAttribute('data-state', 'unacked');

  await selectRow(alarmRow(ana, b));
  const note = ana.getByLabel('Note for this alarm');
  await note.fill('Reseated the network cable');
  await selectRow(alarmRow(ana, a));
  await expect(note).toHaveValue('');
  await expect(alarmRow(ana, b)).toContainText('Note typed, not sent yet');

  await alarmRow(ana, a).getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(alarmRow(ben, a)).toHaveAttribute('data-state', 'acked');
  await expect(alarmRow(ben, a)).not.toContainText('Reseated');

  await alarmRow(ana, b).getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(alarmRow(ben, b)).toHaveAttribute('data-state', 'acked');
  await expect(alarmRow(ben, b)).toContainText('acked by Ana Lead');
  await expect(alarmRow(ben, b)).toContainText('Reseated the network cable');

  await restoreDevice(ana, a);
  await restoreDevice(ana, b);
  await ana.context().close();
  await ben.context().close();
});

test('keys act on the focused row, and an ack moves the selection to the next alarm waiting', async ({ page }) => {
  await openAs(page, 'Kim Keys', 'manager', '/alarms');
  const [first, second, third] = freshTerminals(3);
  for (const t of [first, second, third]) await raiseDeviceAlarm(page, t);
  for (const t of [first, second, third]) await expect(alarmRow(page, t)).toHaveAttribute('data-state', 'unacked');

  // Select one alarm, then move the focus to another: `a` acknowledges the focused one only.
  await selectRow(alarmRow(page, first));
  await alarmRow(page, second).focus();
  await page.keyboard.press('a');
  await expect(alarmRow(page, second)).toHaveAttribute('data-state', 'acked');
  await expect(alarmRow(page, first)).toHaveAttribute('data-state', 'unacked');

  // The selection left the acked row for the next alarm still waiting, and the focus went with it.
  const current = page.locator('[data-testid="alarm-row"][aria-selected="true"]');
  await expect(current).toHaveAttribute('data-state', /^(unacked|cleared_unacked)$/);
  await expect(current).toBeFocused();
  await expect(page.getByTestId('alarm-section-attention').locator('[aria-selected="true"]')).toHaveCount(1);

  // ↓ a ↓ a walks the waiting alarms: the current row is always one that waits.
  await alarmRow(page, third).focus();
  await page.keyboard.press('a');
  await expect(alarmRow(page, third)).toHaveAttribute('data-state', 'acked');
  await expect(page.getByTestId('alarm-section-attention').locator('[aria-selected="true"]')).toBeFocused();
  await alarmRow(page, first).focus();
  await page.keyboard.press('a');
  await expect(alarmRow(page, first)).toHaveAttribute('data-state', 'acked');

  // One tab stop for the whole list, a visible focus ring, and the shortcut help on `?`.
  expect(await page.locator('[role="grid"] [tabindex="0"]').count()).toBe(1);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  for (const t of [first, second, third]) await restoreDevice(page, t);
});

test('a shelved alarm leaves every unacknowledged count, says until when and why, and returns on unshelve', async ({ browser }) => {
  const manager = await personAt(browser, 'Shea Shelver', 'manager', '/alarms');
  const operator = await personAt(browser, 'Otto Operator', 'operator', '/alarms');
  await setMockRunning(manager, false);
  try {
    const [terminal] = freshTerminals(1);
    await raiseDeviceAlarm(manager, terminal);
    const row = alarmRow(manager, terminal);
    await expect(row).toHaveAttribute('data-state', 'unacked');
    await expect(alarmRow(operator, terminal)).toHaveAttribute('data-state', 'unacked');
    const before = await navUnacked(operator);
    const panelBefore = await manager.getByTestId('count-unacked').textContent();

    await selectRow(row);
    await expect(manager.getByRole('button', { name: 'Shelve', exact: true })).toBeDisabled();
    await manager.getByLabel('Shelve: reason (required)').fill('Technician on the way');
    await manager.getByLabel('for', { exact: true }).selectOption('15');
    await manager.getByRole('button', { name: 'Shelve', exact: true }).click();

    const shelved = manager.getByTestId('alarm-section-shelved').getByTestId('alarm-row').filter({ hasText: terminal });
    await expect(shelved).toContainText(/Shelved until \d\d:\d\d — Technician on the way/);
    await expect(alarmRow(operator, terminal)).toContainText(/Shelved until \d\d:\d\d — Technician on the way/);
    await expect.poll(() => navUnacked(operator)).toBe(before - 1);
    await expect(manager.getByTestId('count-unacked')).not.toHaveText(panelBefore ?? '');

    await shelved.getByRole('button', { name: 'Unshelve' }).click();
    await expect(manager.getByTestId('alarm-section-attention').getByTestId('alarm-row').filter({ hasText: terminal })).toHaveAttribute('data-state', 'unacked');
    await expect.poll(() => navUnacked(operator)).toBe(before);
    await expect(manager.getByTestId('count-unacked')).toHaveText(panelBefore ?? '');
    await restoreDevice(manager, terminal);
  } finally {
    await setMockRunning(manager, true);
    await manager.context().close();
    await operator.context().close();
  }
});

test.describe('escalation', () => {
  // A server of its own whose critical alarms escalate after 3 s, so the other specs never see a stream of escalation toasts.
  const port = Number(process.env.E2E_ESCALATION_PORT ?? Number(process.env.E2E_PORT ?? 3107) + 1);
  const dataDir = `./data/e2e-escalation-${port}`;
  const escalating = new ServerProcess(port, { ALARM_ESCALATE_MINUTES: '0.05', DATA_DIR: dataDir });
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    rmSync(dataDir, { recursive: true, force: true });
    await escalating.start();
  });
  test.afterAll(async () => {
    await escalating.kill();
  });

  test('an unacknowledged critical alarm escalates, and the other manager opens it and acknowledges it from the toast', async ({ browser }) => {
    const watcher = await personAt(browser, 'Esme Escalate', 'manager', '/alarms', escalating.baseUrl);
    const other = await personAt(browser, 'Eli Other', 'manager', '/', escalating.baseUrl);
    // A burst of outages at one location is a flood: a critical alarm (ISA-18.2: over 10 per 10 minutes).
    const devices = await floorDevices(watcher);
    const byLocation = new Map<string, typeof devices>();
    for (const d of devices) if (d.location_id) byLocation.set(d.location_id, [...(byLocation.get(d.location_id) ?? []), d]);
    const [location, group] = [...byLocation].sort((a, b) => b[1].length - a[1].length)[0];
    const flood = watcher.locator(`[data-testid="alarm-row"][data-kind="flood"][data-state="unacked"]`);
    for (let round = 0; round < 12 && (await flood.count()) === 0; round++) {
      for (const d of group.slice(0, 12)) await raiseDeviceAlarm(watcher, d.device_id);
      for (const d of group.slice(0, 12)) await restoreDevice(watcher, d.device_id);
      await watcher.waitForTimeout(300);
    }
    await expect(flood.first(), `a flood alarm at ${location}`).toBeVisible();
    const alarmId = (await flood.first().getAttribute('data-id')) as string;

    const toast = other.locator(`[data-testid="notification-toast"][data-alarm-id="${alarmId}"]`);
    await expect(toast).toContainText('Escalated', { timeout: 30_000 });
    await expect(watcher.locator(`[data-id="${alarmId}"]`).getByTestId('alarm-escalated')).toBeVisible();
    await expect(toast.getByRole('link', { name: 'Open the alarm →' })).toHaveAttribute('href', `/alarms?alarm=${alarmId}`);
    await toast.getByRole('link', { name: 'Open the alarm →' }).click();
    await expect(other.locator(`[data-testid="alarm-row"][data-id="${alarmId}"]`)).toHaveAttribute('aria-selected', 'true');
    await other.locator(`[data-testid="notification-toast"][data-alarm-id="${alarmId}"]`).getByRole('button', { name: 'Acknowledge' }).click();
    await expect(other.locator(`[data-testid="notification-toast"][data-alarm-id="${alarmId}"]`)).toContainText('Acknowledged by Eli Other');
    await expect(watcher.locator(`[data-testid="alarm-row"][data-id="${alarmId}"]`)).toHaveAttribute('data-state', 'acked');
    await watcher.context().close();
    await other.context().close();
  });
});

test('bulk: picked alarms are acknowledged together with one note', async ({ page }) => {
  await openAs(page, 'Bo Bulk', 'manager', '/alarms');
  const terminals = freshTerminals(3);
  for (const t of terminals) await raiseDeviceAlarm(page, t);
  for (const t of terminals) await expect(alarmRow(page, t)).toHaveAttribute('data-state', 'unacked');
  await alarmRow(page, terminals[0]).getByRole('checkbox').click();
  await alarmRow(page, terminals[1]).getByRole('checkbox').click();
  await page.getByPlaceholder('Sent with a bulk acknowledgement').fill('Bank of machines rebooted');
  await page.getByRole('button', { name: 'Acknowledge picked (2)' }).click();
  for (const t of terminals.slice(0, 2)) await expect(alarmRow(page, t)).toContainText('Bank of machines rebooted');
  await expect(alarmRow(page, terminals[2])).toHaveAttribute('data-state', 'unacked');
  for (const t of terminals) await restoreDevice(page, t);
});

test('the console and the history have no serious or critical accessibility violations', async ({ page }) => {
  await openAs(page, 'Axe Auditor', 'manager', '/alarms');
  const [terminal] = freshTerminals(1);
  await raiseDeviceAlarm(page, terminal);
  await expect(alarmRow(page, terminal)).toHaveCount(1);
  // A still floor: axe reads the page while nothing changes under it.
  await setMockRunning(page, false);
  try {
    for (const route of ['/alarms', '/alarms/history', '/alarms/report']) {
      if (route !== '/alarms') await page.getByRole('link', { name: route.endsWith('history') ? 'History & audit' : 'Shift report' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${route}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    }
  } finally {
    await setMockRunning(page, true);
  }
  await restoreDevice(page, terminal);
});

test('on a phone the console shows whole messages', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  await openAs(page, 'Pat Phone', 'manager', '/alarms');
  const [terminal] = freshTerminals(1);
  await raiseDeviceAlarm(page, terminal);
  const message = alarmRow(page, terminal).locator('[role="gridcell"] p').first();
  await expect(message).toBeVisible();
  const clipped = await message.evaluate((el) => el.scrollWidth > el.clientWidth || getComputedStyle(el).textOverflow === 'ellipsis');
  expect(clipped).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await restoreDevice(page, terminal);
  await context.close();
});

test('screenshots of the console, the history and the shift report', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openAs(page, 'Mira Manager', 'manager', '/alarms');
  const terminals = freshTerminals(3);
  for (const t of terminals) await raiseDeviceAlarm(page, t);
  await expect(alarmRow(page, terminals[2])).toHaveCount(1);
  await dismissToasts(page);
  await selectRow(alarmRow(page, terminals[0]));
  await page.getByLabel('Shelve: reason (required)').fill('Technician on the way');
  await page.getByRole('button', { name: 'Shelve', exact: true }).click();
  await selectRow(alarmRow(page, terminals[1]));
  await page.getByLabel('Note for this alarm').fill('Power cycled, watching it');
  await page.getByRole('button', { name: 'Acknowledge with note' }).click();
  await dismissToasts(page);
  await page.waitForTimeout(600);
  await saveScreenshot(page, 'alarms');

  await page.getByRole('link', { name: 'History & audit' }).click();
  const row = page.getByTestId('history-row').filter({ hasText: terminals[1] });
  await row.getByRole('button').first().click();
  await expect(page.getByTestId('alarm-timeline')).toBeVisible();
  await dismissToasts(page);
  await saveScreenshot(page, 'alarm-history');

  await page.getByRole('link', { name: 'Shift report' }).click();
  await expect(page.getByTestId('top-alarm-row').first()).toBeVisible();
  await page.waitForTimeout(400);
  await dismissToasts(page);
  await saveScreenshot(page, 'shift-report');
  for (const t of terminals) await restoreDevice(page, t);
  await context.close();
});
