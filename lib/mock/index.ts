import type { Config } from '../server/config';
import type { Logger } from '../server/logger';
import { createFloorSim } from './floor-sim';
import { buildMockFloor } from './mock-floor';
import { createIngestPoster } from './poster';
import { createRng } from './prng';
import { createEventMix, createTicker } from './ticker';
import type { MockStream, MockStreamStatus } from './types';

export type { MockStream, MockStreamStatus } from './types';
export { MockStreamPatchSchema } from './patch-schema';


/** Builds the development stream: the simulated floor, its mock upstreams and the ingest poster. */
export function createMockStream({ config, logger }: { config: Config; logger: Logger }): MockStream {
  const seed = config.mockSeed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = createRng(seed);
  const floor = buildMockFloor();
  const status: MockStreamStatus = { running: true, rate_per_s: config.mockRate ?? 0 };
  const poster = createIngestPoster([...config.ingestApiKeys][0] ?? 'dev-ingest-key', logger);
  const sim = createFloorSim(floor, rng, { post: (item) => poster.push(item), casino: () => {}, bet: () => {} }, seed.toString(36));
  const play = createEventMix(rng.next, [
    [0.5, sim.round],
    [0.05, sim.casinoBet],
    [0.06, sim.cash],
    [0.01, sim.staffLogin],
    [0.004, sim.alert],
  ]);
  const ticker = createTicker((count, now, dt) => {
    sim.tick(now, dt, 3);
    play(count, now);
    void poster.flush();
  });

  return {
    floor,
    handleUpgrade: () => false,
    start(baseUrl) {
      poster.start(baseUrl);
      logger.info({ seed, rate_per_s: status.rate_per_s }, 'mock stream playing');
      if (status.running) ticker.run(status.rate_per_s);
    },
    status: () => ({ ...status }),
    update(patch) {
      Object.assign(status, patch);
      if (status.running) ticker.run(status.rate_per_s);
      else ticker.stop();
      return { ...status };
    },
    close() {
      ticker.stop();
      poster.stop();
    },
  };
}
