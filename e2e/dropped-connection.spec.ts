import { expect, test } from '@playwright/test';
import { openAs } from './fixtures/session';

interface Tap {
  sockets: WebSocket[];
  frames: { socket: number; type: string; channel?: string; event?: string; seq?: number; id?: string; device?: string | null; recovered?: boolean }[];
  /** Subscribe requests sent, by socket. */
  subscribes: { socket: number; channel: string; id: string; since?: number }[];
}

/** Records every frame the page's dashboard sockets receive, by socket, before the app's own handlers run. */
function tapSockets() {
  const tap: Tap = { sockets: [], frames: [], subscribes: [] };
  (window as unknown as { __tap: Tap }).__tap = tap;
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/v1/ws')) return;
      const socket = tap.sockets.push(this) - 1;
      const send = this.send.bind(this);
      this.send = (data: string) => {
        const f = JSON.parse(data);
        if (f.type === 'subscribe') tap.subscribes.push({ socket, channel: f.channel, id: f.id, since: f.since });
        send(data);
      };
      this.addEventListener('message', (ev) => {
        const f = JSON.parse(String(ev.data));
        tap.frames.push({ socket, type: f.type, channel: f.channel, event: f.event, seq: f.seq, id: f.id, device: f.data?.device_id, recovered: f.recovered });
      });
    }
  }
  window.WebSocket = Tapped as typeof WebSocket;
}

test('the bets table stays continuous across a dropped connection', async ({ page }) => {
  await page.addInitScript(tapSockets);
  await openAs(page, 'Continuity Check', 'operator');
  await expect(page.getByTestId('bet-row').first()).toBeVisible();
  await page.waitForTimeout(3000);

  // The network drops the socket; the gateway stays up and keeps publishing.
  const dropped = await page.evaluate(() => {
    const { sockets } = (window as unknown as { __tap: Tap }).__tap;
    sockets[sockets.length - 1].close();
    return sockets.length - 1;
  });
  const resumed = dropped + 1;
  await expect.poll(() => page.evaluate(() => (window as unknown as { __tap: Tap }).__tap.sockets.length), { timeout: 15_000 }).toBe(resumed + 1);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i);
  await page.waitForTimeout(3000);

  const { frames: tap, subscribes } = await page.evaluate(() => (window as unknown as { __tap: Tap }).__tap);
  const resubscribe = subscribes.find((s) => s.socket === resumed && s.channel === 'game');
  expect(resubscribe?.since, 'the page resubscribed to game from where it was').toBeGreaterThan(0);
  const gameResponse = tap.find((f) => f.socket === resumed && f.type === 'response' && f.id === resubscribe?.id);
  expect(gameResponse?.recovered, 'the gateway replayed instead of snapshotting').toBe(true);

  // The gateway side: every game event exactly once across both connections, no gap.
  const seqs = tap.filter((f) => f.type === 'event' && f.channel === 'game').map((f) => f.seq as number);
  expect(new Set(seqs).size).toBe(seqs.length);
  const sorted = [...seqs].sort((a, b) => a - b);
  expect(sorted.at(-1)! - sorted[0] + 1, 'game seqs are contiguous across the drop').toBe(sorted.length);
  expect(tap.some((f) => f.socket === dropped && f.channel === 'game') && tap.some((f) => f.socket === resumed && f.channel === 'game')).toBe(true);

  // The table side: filtered to one busy device, it holds a gapless, duplicate-free run of that device's bets, newest first.
  const bets = tap.filter((f) => f.type === 'event' && f.event === 'bet.placed');
  const perDevice = new Map<string, number>();
  for (const b of bets) if (b.device) perDevice.set(b.device, (perDevice.get(b.device) ?? 0) + 1);
  const device = [...perDevice.entries()].sort((a, b) => b[1] - a[1])[0][0];
  await page.getByPlaceholder(/filter/i).fill(device);
  await page.waitForTimeout(500);
  const shown = await page.getByTestId('bet-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  // Read after the table, the tap holds everything the table could show, plus perhaps a few bets still buffered.
  const received = (await page.evaluate(() => (window as unknown as { __tap: Tap }).__tap.frames))
    .filter((f) => f.type === 'event' && f.event === 'bet.placed' && f.device === device)
    .map((f) => f.id)
    .reverse();
  expect(shown.length).toBeGreaterThan(1);
  expect(new Set(shown).size, 'no duplicate rows').toBe(shown.length);
  const start = received.indexOf(shown[0]!);
  expect(start, 'the newest row is a bet the page received').toBeGreaterThanOrEqual(0);
  expect(shown).toEqual(received.slice(start, start + shown.length));
});
