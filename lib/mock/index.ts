import type { Config } from '../server/config';
import type { Logger } from '../server/logger';
import { createCasinoEndpoint } from './casino-endpoint';
import { MOCK_PATHS, MOCK_UPSTREAM_TOKEN } from './endpoints';
import { createExchangeEndpoint } from './exchange-endpoint';
import { createExchangeSim } from './exchange-sim';
import { createFloorSim } from './floor-sim';
import { createJackpotEndpoint } from './jackpot-endpoint';
import { createJackpotSim } from './jackpot-sim';
import { buildMockFloor } from './mock-floor';
import { createIngestPoster } from './poster';
import { createRng } from './prng';
import { createEventMix, createTicker } from './ticker';
import type { MockStream, MockStreamStatus } from './types';

export type { MockStream, MockStreamStatus } from './types';
export { MockStreamPatchSchema } from './patch-schema';

/** Devices dropping offline per minute across the floor. */
const OUTAGES_PER_MINUTE = 3;

/**
 * Builds the development stream: one seeded floor played through every upstream format — seed 001
 * batches posted to the ingest, and the seed 000/002/004 mock upstreams on this port.
 */
export function createMockStream({ config, logger }: { config: Config; logger: Logger }): MockStream {
  const seed = config.mockSeed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = createRng(seed);
  const floor = buildMockFloor();
  const status: MockStreamStatus = { running: true, rate_per_s: config.mockRate ?? 0 };
  let started = false;

  const poster = createIngestPoster([...config.ingestApiKeys][0] ?? 'dev-ingest-key', logger);
  const casino = createCasinoEndpoint(config.casinoToken ?? MOCK_UPSTREAM_TOKEN);
  const jackpotSim = createJackpotSim(rng, (event) => jackpot.publish(event));
  const jackpot = createJackpotEndpoint(config.jackpotToken ?? MOCK_UPSTREAM_TOKEN, () => jackpotSim.current(Date.now()));
  const exchangeSim = createExchangeSim(rng, (envelope) => exchange.publish(envelope), Date.now());
  const exchange = createExchangeEndpoint(() => exchangeSim.current(Date.now()));
  const floorSim = createFloorSim(
    floor,
    rng,
    { post: (item) => poster.push(item), casino: (channel, message) => casino.publish(channel, message), bet: (bet) => jackpotSim.bet(bet, Date.now()) },
    seed.toString(36),
  );

  // Shares of the rate; a slot round is ~1.3 events (a quarter of rounds also win).
  const play = createEventMix(rng.next, [
    [0.42, floorSim.round],
    [0.05, floorSim.casinoBet],
    [0.06, floorSim.cash],
    [0.01, floorSim.staffLogin],
    [0.06, jackpotSim.update],
    [0.015, jackpotSim.optIn],
    [0.2, exchangeSim.liquidity],
    [0.04, exchangeSim.matched],
    [0.01, exchangeSim.status],
  ]);
  // Rare happenings follow the clock, not the rate: alarms stay rare however fast the floor plays.
  const occasional: [perMinute: number, happen: (now: number) => void][] = [
    [1, floorSim.alert],
    [0.3, jackpotSim.raffle],
    [0.2, () => jackpotSim.payoutError()],
  ];
  const ticker = createTicker((count, now, dt) => {
    floorSim.tick(now, dt, OUTAGES_PER_MINUTE);
    for (const [perMinute, happen] of occasional) if (rng.chance((perMinute * dt) / 60_000)) happen(now);
    play(count, now);
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
    start(baseUrl) {
      started = true;
      poster.start(baseUrl);
      logger.info({ seed, rate_per_s: status.rate_per_s }, 'mock stream playing (MOCK_SEED reproduces this run)');
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
