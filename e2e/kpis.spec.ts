import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { ServerProcess, devToken } from './fixtures/server-process';

/*
 * A server of this spec's own with the mock stream off and a floor of two locations, so every bet the
 * gateway counts is one this test sent. The bets carry their own timestamps spread over the last
 * minutes: the gateway counts an event in the minute of its own time, so this is what two minutes of
 * play would leave behind, without waiting two minutes.
 */
const server = new ServerProcess(3602, {
  MOCK_STREAM: 'off',
  FLOOR_FILE: path.resolve(import.meta.dirname, 'fixtures', 'kpi-floor.json'),
  DATA_DIR: './data/e2e-kpis',
});

const MINUTE = 60_000;
const DEVICES = { east: ['KE-1', 'KE-2'], west: ['KW-1'] } as const;

interface Sent {
  bets: number;
  turnover: number;
  deposits: number;
}

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.kill();
});

let n = 0;
const gameround = (device: string, at: number, amount: number) => ({
  event: 'gameround',
  data: { unique_id: `kpi-bet-${++n}`, timestamp: new Date(at).toISOString(), player_id: `P-${n % 5}`, game_id: 'g-any', round_id: `kpi-r-${n}`, amount, currency: 'EUR', is_win: false, device_id: device },
});
const deposit = (device: string, at: number, amount: number) => ({
  event: 'deposit',
  data: { unique_id: `kpi-dep-${++n}`, timestamp: new Date(at).toISOString(), player_id: `P-${n % 5}`, amount, currency: 'EUR', method: 'card', device_id: device },
});

/** Sends `count` bets of growing stakes and one deposit per location into the minute starting at `minute`. */
function playMinute(minute: number, location: keyof typeof DEVICES, count: number, items: object[]): Sent {
  let turnover = 0;
  for (let i = 0; i < count; i++) {
    const amount = 5 + ((i * 7) % 40);
    turnover += amount;
    items.push(gameround(DEVICES[location][i % DEVICES[location].length], minute + 1_000 + i * 500, amount));
  }
  const cash = 100 * (count % 7) + 50;
  items.push(deposit(DEVICES[location][0], minute + 30_000, cash));
  return { bets: count, turnover, deposits: cash };
}

const money = (n: number) => `€${n.toLocaleString('en-GB')}`;
const tile = (page: Page, label: string) => page.getByTestId('kpi-tile').filter({ hasText: label }).locator('p').nth(1);

test('a page opened after play shows the true bets and turnover of the last minute at once, also for one location', async ({ page }) => {
  // Leave time to open the page before the minute turns, so "the last full minute" is the one computed here.
  const within = Date.now() % MINUTE;
  if (within > 40_000) await page.waitForTimeout(MINUTE - within + 500);
  const open = Math.floor(Date.now() / MINUTE) * MINUTE;

  const items: object[] = [];
  const sent: Record<string, { east: Sent; west: Sent }> = {};
  for (const back of [3, 2, 1]) {
    const minute = open - back * MINUTE;
    sent[back] = { east: playMinute(minute, 'east', 10 + back * 3, items), west: playMinute(minute, 'west', 4 + back, items) };
  }
  // Play in the minute still open is not a full minute: it must not show yet.
  playMinute(open, 'east', 9, items);
  const res = await page.request.post(`${server.baseUrl}/api/v1/events`, { headers: { 'x-api-key': 'dev-ingest-key' }, data: { items } });
  expect(res.status()).toBe(204);

  const token = await devToken(server.baseUrl, 'Kim KPI', 'operator');
  await page.goto(`${server.baseUrl}/?token=${encodeURIComponent(token)}`);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 15_000 });

  const last = sent[1];
  const all = { bets: last.east.bets + last.west.bets, turnover: last.east.turnover + last.west.turnover, deposits: last.east.deposits + last.west.deposits };
  // First paint after the snapshot: no waiting for the page to see play of its own.
  await expect(tile(page, 'Bets / min')).toHaveText(String(all.bets), { timeout: 3_000 });
  await expect(tile(page, 'Turnover / min')).toHaveText(money(all.turnover));
  await expect(tile(page, 'Deposits / min')).toHaveText(money(all.deposits));

  await page.getByTestId('location-filter').selectOption('loc-kpi-west');
  await expect(tile(page, 'Bets / min')).toHaveText(String(last.west.bets), { timeout: 1_000 });
  await expect(tile(page, 'Turnover / min')).toHaveText(money(last.west.turnover));
  await expect(tile(page, 'Deposits / min')).toHaveText(money(last.west.deposits));

  await page.getByTestId('location-filter').selectOption('loc-kpi-east');
  await expect(tile(page, 'Bets / min')).toHaveText(String(last.east.bets), { timeout: 1_000 });
  await expect(tile(page, 'Turnover / min')).toHaveText(money(last.east.turnover));
});
