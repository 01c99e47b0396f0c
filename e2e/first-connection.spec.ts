import { type WebSocket, expect, test } from '@playwright/test';
import { mintToken } from './fixtures/session';

test('a signed-in page opens one connection as its document loads, authenticates in its first frame, then moves it into a worker without a gap', async ({ page }) => {
  const token = await mintToken(page, 'Olga Opener', 'operator');
  let sockets: { socket: WebSocket; sent: string[] }[] = [];
  // Who opened each connection on the page's main thread, and when: the document's own head script, or one of the page's scripts.
  await page.addInitScript(`(() => {
    const Native = window.WebSocket;
    window.__opened = [];
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        window.__opened.push({ state: document.readyState, byScript: /\\/_next\\//.test(new Error().stack) });
      }
    };
  })();`);
  page.on('websocket', (socket) => {
    if (!new URL(socket.url()).pathname.startsWith('/v1/ws')) return;
    const entry = { socket, sent: [] as string[] };
    socket.on('framesent', (frame) => entry.sent.push(String(frame.payload)));
    sockets.push(entry);
  });

  // The first load takes the token from the address; the reload finds it in storage, as a wall screen does.
  const opened: unknown[] = [];
  await page.goto(`/?token=${encodeURIComponent(token)}`);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 15_000 });
  opened.push(...((await page.evaluate('window.__opened')) as unknown[]));
  sockets = [];
  await page.reload();
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i, { timeout: 15_000 });
  opened.push(...((await page.evaluate('window.__opened')) as unknown[]));
  await expect(page.getByTestId('bet-row').first()).toBeVisible({ timeout: 10_000 });

  // On the main thread, one connection per load, opened by the document's head script while it was still
  // being read, before any of the page's scripts.
  expect(opened).toEqual([
    { state: 'loading', byScript: false },
    { state: 'loading', byScript: false },
  ]);
  // Once the page is up, the connection moves into a worker: a second one subscribes from where the first
  // stood, and the first closes after. The badge stays live throughout.
  await expect.poll(() => sockets.length, { timeout: 15_000 }).toBe(2);
  await expect.poll(() => sockets[0].socket.isClosed(), { timeout: 15_000 }).toBe(true);
  await expect(page.getByTestId('connection-badge')).toContainText(/live/i);
  for (const { socket, sent } of sockets) {
    expect(socket.url()).not.toContain('token');
    expect(JSON.parse(sent[0])).toEqual({ type: 'auth', token });
    expect(sent.filter((f) => f.includes('"type":"auth"'))).toHaveLength(1);
    expect(sent.some((f) => f.includes('"type":"subscribe"') && f.includes('"channel":"game"'))).toBe(true);
  }
  const moved = sockets[1].sent.map((f) => JSON.parse(f)).find((f) => f.type === 'subscribe' && f.channel === 'game');
  expect(moved.since, 'the moved connection resumes game where the first stopped').toBeGreaterThan(0);
  expect(sockets[1].socket.isClosed()).toBe(false);
  await page.waitForTimeout(1000);
  expect(sockets).toHaveLength(2);
});

test('the login page opens no connection until someone signs in', async ({ page }) => {
  const opened: string[] = [];
  page.on('websocket', (socket) => opened.push(socket.url()));
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(opened.filter((u) => new URL(u).pathname.startsWith('/v1/ws'))).toEqual([]);
});
