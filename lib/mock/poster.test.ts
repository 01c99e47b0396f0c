import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { handleIngest } from '../http/ingest';
import { createMockStream } from './index';
import type { Services } from '../server/services';
import { createSources } from '../sources';
import { fakeDeps } from '../sources/test-support/fakes';

let server: Server | undefined;
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('mock poster', () => {
  it('feeds gamification-format batches through the real ingest: bets, paired wins, cash', async () => {
    const f = fakeDeps({ MOCK_STREAM: '400', MOCK_SEED: '7' });
    const mock = createMockStream({ config: f.config, logger: f.logger });
    const sources = createSources({ ...f.deps, config: f.config, defaultFloor: mock.floor });
    const services = { config: f.config, metrics: f.metrics, logger: f.logger, sources } as unknown as Services;
    server = createServer((req, res) => void handleIngest(req, res, services, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    mock.start(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    for (let i = 0; i < 60 && f.named('round.won').length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    mock.close();
    expect(f.named('bet.placed').length).toBeGreaterThan(10);
    expect(f.named('cash.deposit').length + f.named('cash.withdraw').length).toBeGreaterThan(0);
    const won = f.named('round.won');
    expect(won.length).toBeGreaterThan(0);
    expect(won.some((e) => (e.data as { bet_amount: number | null }).bet_amount !== null)).toBe(true);
    expect(f.named('bet.placed')[0].data).toMatchObject({ device_id: expect.stringMatching(/^SLOT-/), location_id: expect.stringMatching(/^loc-/) });
  });
});
