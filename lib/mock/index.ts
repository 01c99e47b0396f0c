import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { createCasinoEndpoint } from './casino-endpoint';
import { MOCK_PATHS, MOCK_UPSTREAM_TOKEN } from './endpoints';
import { createExchangeEndpoint } from './exchange-endpoint';
import { toEnvelope } from './exchange-sim';
import { createJackpotEndpoint } from './jackpot-endpoint';
import { buildMockFloor } from './mock-floor';
import { createIngestPoster } from './poster';
import { createRng } from './prng';
import { createFloorPlay } from './play';
import { createTicker } from './ticker';
import type { MockStream, MockStreamStatus } from './types';

export type { MockStream, MockStreamStatus } from './types';

/**
 * Builds the development stream: one seeded floor played through every upstream format — gamification
 * batches posted to the ingest, and the casino, exchange and jackpot mock upstreams on this port
 * (docs/protocol.md §16).
 */
export function createMockStream({ config, logger }: { config: Config; logger: Logger }): MockStream {
  const seed = config.mockSeed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = createRng(seed);
  const floor = buildMockFloor();
  const status: MockStreamStatus = { running: true, rate_per_s: config.mockRate ?? 0 };
  let started = false;

  const poster = createIngestPoster([...config.ingestApiKeys][0] ?? 'dev-ingest-key', logger);
  const tokens = { exchange: undefined, jackpot: config.jackpotToken ?? MOCK_UPSTREAM_TOKEN, casino: config.casinoToken ?? MOCK_UPSTREAM_TOKEN };
  const casino = createCasinoEndpoint(tokens.casino);
  const jackpot = createJackpotEndpoint(tokens.jackpot, () => floorPlay.jackpot.current(Date.now()));
  const exchange = createExchangeEndpoint(() => floorPlay.exchange.current(Date.now()));
  const floorPlay = createFloorPlay({
    floor,
    rng,
    currency: config.currency,
    tag: seed.toString(36),
    startedAt: Date.now(),
    sinks: {
      post: (item) => poster.push(item),
      casino: (channel, message) => casino.publish(channel, message),
      jackpot: (event) => jackpot.publish(event),
      exchange: (change) => exchange.publish(toEnvelope(change)),
    },
  });
  const ticker = createTicker((count, now, dt) => {
    floorPlay.step(count, now, dt);
    void poster.flush();
  });
  const apply = () => (started && status.running && status.rate_per_s > 0 ? ticker.run(status.rate_per_s) : ticker.stop());

  return {
    floor,
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === MOCK_PATHS.exchange) exchange.handleUpgrade(req, socket, head);
      else if (path === MOCK_PATHS.jackpot) jackpot.handleUpgrade(req, socket, head);
      else if (path === MOCK_PATHS.casino) casino.handleUpgrade(req, socket, head);
      else return false;
      return true;
    },
    endpoint(name, baseUrl) {
      const url = new URL(MOCK_PATHS[name], baseUrl);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      return { url: url.toString(), token: tokens[name] };
    },
    start(baseUrl) {
      started = true;
      poster.start(baseUrl);
      logger.info({ seed, rate_per_s: status.rate_per_s, currency: config.currency }, 'mock stream playing (MOCK_SEED reproduces this run)');
      apply();
    },
    status: () => ({ ...status }),
    update(patch) {
      if (patch.running !== undefined) status.running = patch.running;
      if (patch.rate_per_s !== undefined) status.rate_per_s = patch.rate_per_s;
      apply();
      return { ...status };
    },
    close() {
      started = false;
      ticker.stop();
      poster.stop();
      for (const endpoint of [exchange, jackpot, casino]) endpoint.close();
    },
  };
}
