import { expect, test } from '@playwright/test';
import { openAs } from './fixtures/session';

interface Tap {
  /** Every dashboard connection, in the order the page opened them; `close` ends it from the page's side. */
  sockets: { close(): void }[];
  frames: { socket: number; type: string; channel?: string; event?: string; seq?: number; id?: string; device?: string | null; recovered?: boolean }[];
  /** Subscribe requests sent, by socket. */
  subscribes: { socket: number; channel: string; id: string; since?: number }[];
}

/**
 * Records every frame the page's dashboard connections receive and every subscribe they send, by
 * connection, before the app's own handlers see them: the head script's socket on the main thread, and
 * the page's own, which live in workers and hand the page their frames in bursts (lib/store/worker-socket.ts).
 */
function tapSockets() {
  const tap: Tap = { sockets: [], frames: [], subscribes: [] };
  (window as unknown as { __tap: Tap }).__tap = tap;
  const sent = (socket: number, data: string) => {
    const f = JSON.parse(data);
    if (f.type === 'subscribe') tap.subscribes.push({ socket, channel: f.channel, id: f.id, since: f.since });
  };
  const received = (socket: number, data: string) => {
    const f = JSON.parse(data);
    tap.frames.push({ socket, type: f.type, channel: f.channel, event: f.event, seq: f.seq, id: f.id, device: f.data?.device_id, recovered: f.recovered });
  };
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/v1/ws')) return;
      const socket = tap.sockets.push(this) - 1;
      const send = this.send.bind(this);
      this.send = (data: string) => {
        sent(socket, data);
        send(data);
      };
      this.addEventListener('message', (ev) => received(socket, String(ev.data)));
    }
  }
  window.WebSocket = Tapped as typeof WebSocket;
  const NativeWorker = window.Worker;
  class TappedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const post = this.postMessage.bind(this) as (m: unknown) => void;
      const socket = tap.sockets.push({ close: () => post({ t: 'close', code: 1000, reason: 'dropped' }) }) - 1;
      this.postMessage = ((m: { t: string; data?: string }) => {
        if (m.t === 'send' && m.data) sent(socket, m.data);
        post(m);
      }) as Worker['postMessage'];
      this.addEventListener('message', (ev) => {
        if (ev.data?.t === 'frames') for (const frame of ev.data.frames as string[]) received(socket, frame);
      });
    }
  }
  window.Worker = TappedWorker as typeof Worker;
}

test('the bets table stays continuous across a dropped connection', async ({ page }) => {
  await page.addInitScript(tapSockets);
  await openAs(page, 'Continuity Check', 'operator');
  await expect(page.getByTestId('bet-row').first()).toBeVisible();
  // The head script's connection moves into a worker once the page is up; the drop is that one's.
  const tapped = () => page.evaluate(() => (window as unknown as { __tap: Tap }).__tap.sockets.length);
  await expect.poll(tapped, { timeout: 15_000 }).toBe(2);
  await page.waitForTimeout(2000);

  // The network drops the socket; the gateway stays up and keeps publishing.
  const dropped = await page.evaluate(() => {
    const { sockets } = (window as unknown as { __tap: Tap }).__tap;
    sockets[sockets.length - 1].close();
    return sockets.length - 1;
  });
  const resumed = dropped + 1;
  await expect.poll(tapped, { timeout: 15_000 }).toBe(resumed + 1);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i);
  await page.waitForTimeout(3000);

  const { frames: tap, subscribes } = await page.evaluate(() => (window as unknown as { __tap: Tap }).__tap);
  const resubscribe = subscribes.find((s) => s.socket === resumed && s.channel === 'game');
  expect(resubscribe?.since, 'the page resubscribed to game from where it was').toBeGreaterThan(0);
  const gameResponse = tap.find((f) => f.socket === resumed && f.type === 'response' && f.id === resubscribe?.id);
  expect(gameResponse?.recovered, 'the gateway replayed instead of snapshotting').toBe(true);

  // The gateway side: every game event exactly once across the dropped connection and its successor, no gap.
  const seqs = tap.filter((f) => f.type === 'event' && f.channel === 'game' && f.socket >= dropped).map((f) => f.seq as number);
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
  // Read after the table, the seed and the tap hold everything the table could show, plus perhaps a few bets
  // still buffered. The page opened with the newest bets in its HTML (the seed, older than anything the sockets
  // delivered); while the connection moved into its worker, both connections delivered; the page kept each bet once.
  const { frames, seeded } = await page.evaluate(() => {
    const seed = JSON.parse(document.getElementById('floor-monitor-seed')?.textContent || 'null');
    const seededBets = (seed?.bets?.frames ?? []) as { id: string; data: { device_id?: string | null } }[];
    return {
      frames: (window as unknown as { __tap: Tap }).__tap.frames,
      seeded: seededBets.map((f) => ({ id: f.id, device: f.data.device_id ?? null })),
    };
  });
  const live = frames.filter((f) => f.type === 'event' && f.event === 'bet.placed' && f.device === device);
  const received = [...new Set([...seeded.filter((f) => f.device === device), ...live].map((f) => f.id))].reverse();
  expect(shown.length).toBeGreaterThan(1);
  expect(new Set(shown).size, 'no duplicate rows').toBe(shown.length);
  const start = received.indexOf(shown[0]!);
  expect(start, 'the newest row is a bet the page received').toBeGreaterThanOrEqual(0);
  expect(shown).toEqual(received.slice(start, start + shown.length));
});
