import type { Floor } from '../protocol';
import { createBadInputReporter } from './bad-input';
import { createCasinoConnector } from './casino-connector';
import type { Connector } from './connector';
import { createExchangeConnector } from './exchange-connector';
import { createFloorEvents } from './floor-events';
import { createFloorRegistry, loadFloorFile } from './floor-registry';
import { createIngest } from './ingest';
import { JACKPOT_DEDUP_CAPACITY, createJackpotConnector } from './jackpot-connector';
import { memorySourceStores } from './source-stores';
import { systemSnapshot } from './system-snapshot';
import type { SourceHealth, Sources, SourcesOptions, UpstreamDuty, UpstreamEndpoint, UpstreamName } from './types';
import type { UpstreamTiming } from './upstream';

export type { IngestResult, SourceHealth, Sources, SourcesOptions, UpstreamDuty, UpstreamEndpoint, UpstreamName } from './types';
export { type SourceStores, memorySourceStores, redisSourceStores } from './source-stores';

/** The floor the registry uses: `FLOOR_FILE`, else the default floor, else none. */
function chooseFloor(floorFile: string | undefined, defaultFloor: Floor | null): Floor | null {
  return floorFile ? loadFloorFile(floorFile) : defaultFloor;
}

/** Builds the gateway's upstream side: HTTP ingest, floor registry, and the exchange, jackpot and casino connectors. */
export function createSources(opts: SourcesOptions & { timing?: Partial<UpstreamTiming> }): Sources {
  const { config, metrics, logger, stores = memorySourceStores } = opts;
  const deps = { publisher: opts.publisher, alarms: opts.alarms, metrics, logger };
  const registry = createFloorRegistry(chooseFloor(config.floorFile, opts.defaultFloor));
  const floorEvents = createFloorEvents({ ...deps, registry, pairing: stores.pairing('floor') });
  // The ingest and the casino connector share one dedup: the same floor event sent both ways is published once.
  const floorDedup = stores.dedup('floor');
  const ingestHealth: SourceHealth = { connected: true, last_event_at: null };
  const ingest = createIngest({
    floorEvents,
    dedup: floorDedup,
    reportBadInput: createBadInputReporter('ingest', deps),
    alarmBatch: (work) => opts.alarms.batch(work),
    onAccepted(count) {
      metrics.eventsIn.inc({ source: 'ingest' }, count);
      ingestHealth.last_event_at = new Date().toISOString();
    },
  });
  const exchange = createExchangeConnector({ deps, timing: opts.timing });
  const jackpot = createJackpotConnector({ deps, timing: opts.timing, currency: config.currency, dedup: stores.dedup('jackpot', { capacity: JACKPOT_DEDUP_CAPACITY }) });
  const casino = createCasinoConnector({ deps, timing: opts.timing, floorEvents, dedup: floorDedup });
  // Each connector with its configured endpoint: a configured URL goes with the configured token, never another's.
  const connectors: [UpstreamName, Connector, UpstreamEndpoint | null][] = [
    ['exchange', exchange, config.exchangeUrl ? { url: config.exchangeUrl } : null],
    ['jackpot', jackpot, config.jackpotUrl ? { url: config.jackpotUrl, token: config.jackpotToken } : null],
    ['casino', casino, config.casinoUrl ? { url: config.casinoUrl, token: config.casinoToken } : null],
  ];

  function upstreams(baseUrl: string): UpstreamDuty[] {
    if (config.jackpotUrl && !config.jackpotToken) logger.warn('JACKPOT_WS_URL is set without JACKPOT_TOKEN: the jackpot platform will refuse the Authenticate frame');
    const duties: UpstreamDuty[] = [];
    for (const [name, connector, configured] of connectors) {
      const endpoint = configured ?? opts.defaultUpstream?.(name, baseUrl) ?? null;
      if (endpoint) duties.push({ name, start: () => connector.start(endpoint.url, endpoint.token), stop: () => connector.close() });
      else logger.info({ source: name }, `source ${name} not configured`);
    }
    return duties;
  }

  return {
    async ingest(body) {
      const result = await ingest(body);
      // With Redis, a batch is answered for once the shared stream holds its events.
      if (result.ok) await opts.publisher.settled?.();
      return result;
    },
    health: () => ({ ingest: { ...ingestHealth }, exchange: exchange.health(), jackpot: jackpot.health(), casino: casino.health() }),
    hasLocation: (locationId) => registry.hasLocation(locationId),
    follow(event) {
      if (event.event === 'device.offline') registry.setOnline(registry.canonicalId(event.data.device_id), false, event.data.lost_at);
      else if (event.event === 'device.online') registry.setOnline(registry.canonicalId(event.data.device_id), true, event.data.restored_at);
      else if (event.channel === 'jackpots') jackpot.follow(event);
      else if (event.channel === 'markets') exchange.follow(event);
    },
    snapshotProviders: () => [
      ['system', systemSnapshot(registry)],
      ['jackpots', jackpot.snapshot],
      ['markets', exchange.snapshot],
    ],
    start(baseUrl) {
      for (const upstream of upstreams(baseUrl)) upstream.start();
    },
    upstreams,
    async close() {
      await Promise.all(connectors.map(([, c]) => c.close()));
    },
  };
}
