import { MOCK_PATHS, MOCK_UPSTREAM_TOKEN } from '../mock/endpoints';
import type { Floor } from '../protocol';
import type { Config } from '../server/config';
import { createBadInputReporter } from './bad-input';
import { createCasinoConnector } from './casino-connector';
import type { Connector } from './connector';
import type { DedupStore } from './dedup-store';
import { DedupWindow } from './dedup-window';
import { createExchangeConnector } from './exchange-connector';
import { createFloorEvents } from './floor-events';
import { createFloorRegistry, loadFloorFile } from './floor-registry';
import { createIngest } from './ingest';
import { createJackpotConnector } from './jackpot-connector';
import { systemSnapshot } from './system-snapshot';
import type { SourceHealth, Sources, SourcesOptions } from './types';
import type { UpstreamTiming } from './upstream';

export type { IngestResult, SourceHealth, Sources, SourcesOptions } from './types';

/** The floor the registry uses: `FLOOR_FILE`, else the mock's floor, else none. */
function chooseFloor(floorFile: string | undefined, mockFloor: Floor | null): Floor | null {
  return floorFile ? loadFloorFile(floorFile) : mockFloor;
}

/** An upstream's URL: configured, else the mock's on this port while the mock runs, else none. */
function upstreamUrl(configured: string | undefined, mockPath: string, baseUrl: string, config: Config): string | null {
  if (configured) return configured;
  if (config.mockRate === null) return null;
  const url = new URL(mockPath, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Builds the gateway's upstream side: HTTP ingest, floor registry, and the exchange, jackpot and casino connectors. */
export function createSources(opts: SourcesOptions & { timing?: Partial<UpstreamTiming> }): Sources {
  const { config, metrics, logger } = opts;
  const deps = { publisher: opts.publisher, alarms: opts.alarms, metrics, logger };
  const registry = createFloorRegistry(chooseFloor(config.floorFile, opts.mockFloor));
  const floorEvents = createFloorEvents({ ...deps, registry });
  const floorDedup: DedupStore = new DedupWindow();
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
  const jackpot = createJackpotConnector({ deps, timing: opts.timing, token: config.jackpotToken ?? MOCK_UPSTREAM_TOKEN, currency: config.currency });
  const casino = createCasinoConnector({ deps, timing: opts.timing, token: config.casinoToken ?? MOCK_UPSTREAM_TOKEN, floorEvents, dedup: floorDedup });
  const connectors: [Connector, string | undefined, string][] = [
    [exchange, config.exchangeUrl, MOCK_PATHS.exchange],
    [jackpot, config.jackpotUrl, MOCK_PATHS.jackpot],
    [casino, config.casinoUrl, MOCK_PATHS.casino],
  ];

  return {
    ingest,
    health: () => ({ ingest: { ...ingestHealth }, exchange: exchange.health(), jackpot: jackpot.health(), casino: casino.health() }),
    hasLocation: (locationId) => registry.hasLocation(locationId),
    snapshotProviders: () => [
      ['system', systemSnapshot(registry)],
      ['jackpots', jackpot.snapshot],
      ['markets', exchange.snapshot],
    ],
    start(baseUrl) {
      if (config.jackpotUrl && !config.jackpotToken) logger.warn('JACKPOT_WS_URL is set without JACKPOT_TOKEN: the jackpot platform will refuse the Authenticate frame');
      for (const [connector, configured, mockPath] of connectors) {
        const url = upstreamUrl(configured, mockPath, baseUrl, config);
        if (url) connector.start(url);
        else logger.info({ source: connector.name }, `source ${connector.name} not configured`);
      }
    },
    async close() {
      await Promise.all(connectors.map(([c]) => c.close()));
    },
  };
}
