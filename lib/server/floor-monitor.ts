import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { notifyCriticalAlarms } from '../gateway/alarm-notifier';
import { createAlarmService } from '../gateway/alarms';
import { TokenAuthority } from '../gateway/auth';
import { createHub } from '../gateway/hub';
import { startKpiChannel } from '../gateway/kpis/kpi-channel';
import { MemoryKpiMinutes } from '../gateway/kpis/kpi-minutes-memory';
import { createRecentHistory } from '../gateway/recent-history';
import { routeHttp } from '../http/routes';
import { createMockStream } from '../mock';
import { createSources, redisSourceStores } from '../sources';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { createMetrics } from '../runtime/metrics';
import { type Engines, memoryEngines, openEngines } from './engines';
import { type Duty, type SingleDuty, createLease, runSingleDuty } from './lease';
import { seedPage } from './page-seed';
import type { Services } from './services';

/** The gateway side of the process, independent of Next: HTTP API, WebSocket hub, sources, alarms, mock. */
export interface FloorMonitor {
  services: Services;
  /** Answers an API request; false when the path is not the gateway's (Next serves it). */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Takes an upgrade on `/v1/ws` or `/mock/...`; false when the path is not the gateway's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Prepares a page request before Next renders it (`page-seed.ts`): its seed, and its address without the
   * token; a promise when there may be a seed to read, null when the page can render at once.
   */
  seedPage(req: IncomingMessage): Promise<void> | null;
  /** Connects sources (and starts the mock) once the port is known. */
  start(baseUrl: string): void;
  close(): Promise<void>;
}

/**
 * Opens the engines the configuration names (`openEngines`: Redis with `REDIS_URL`, PostgreSQL with
 * `DATABASE_URL`) and builds the gateway on them. Resolves once the open alarms are loaded.
 */
export async function openFloorMonitor(config: Config, logger: Logger): Promise<FloorMonitor> {
  const engines = await openEngines(config, logger);
  const monitor = createFloorMonitor(config, logger, engines);
  try {
    await monitor.services.alarms.ready;
  } catch (err) {
    await monitor.close();
    throw err;
  }
  return monitor;
}

/**
 * Builds every gateway part from the configuration, on the given engines (by default one process's memory
 * and SQLite in `DATA_DIR`); engines that connect asynchronously come opened (`openFloorMonitor`).
 */
export function createFloorMonitor(config: Config, logger: Logger, engines: Engines = memoryEngines(config)): FloorMonitor {
  if (config.databaseUrl && !engines.alarmLedger) throw new Error('DATABASE_URL is set: open the gateway with openFloorMonitor, which connects to PostgreSQL first');
  if (config.authSecretIsDefault) logger.warn('AUTH_SECRET is not set: using the development secret; set AUTH_SECRET in production');
  const metrics = createMetrics({ nodeId: engines.engine === 'redis' ? engines.nodeId : undefined });
  const tokens = new TokenAuthority(config.authSecret);
  const hub = createHub({
    tokens,
    metrics,
    logger,
    options: { maxConnectionsPerUser: config.maxConnectionsPerUser, allowedOrigins: config.allowedOrigins },
    broker: engines.broker,
    presence: engines.presence,
  });
  const alarms = createAlarmService({ dataDir: config.dataDir, ledger: engines.alarmLedger, publisher: hub, metrics, logger, escalateMinutes: config.alarmEscalateMinutes });
  hub.setAlarmActions(alarms);
  hub.setSnapshotProvider('alerts', () => alarms.open());
  notifyCriticalAlarms(hub);
  // Critical alarms raised on other nodes reach this node's signed-in managers too.
  notifyCriticalAlarms({ ...hub, onPublish: (listener) => hub.onRemotePublish((event, origin) => origin === 'live' && listener(event)) });
  // Once-per-floor duties run on the node holding their lease (always this one, on one process).
  const leaseDeps = { redis: engines.redis, nodeId: engines.nodeId, logger };
  const kpiLease = runSingleDuty(createLease('kpis', leaseDeps), { start: () => {}, stop: () => {} }, logger);
  // Every node counts every node's bets and wins; the lease holder publishes the changed minutes.
  const stopKpis = startKpiChannel(hub, new MemoryKpiMinutes(), { publishes: () => kpiLease.running });
  let duties: SingleDuty[] = [kpiLease];
  const mock = config.mockRate === null ? null : createMockStream({ config, logger });
  // The embedded mock is the floor and the upstreams when none are configured; sources know nothing of it.
  const sources = createSources({
    config,
    publisher: hub,
    alarms,
    metrics,
    logger,
    defaultFloor: mock?.floor ?? null,
    defaultUpstream: mock ? (name, baseUrl) => mock.endpoint(name, baseUrl) : undefined,
    // With Redis, ingest dedup and bet/win pairing are shared by every node (docs/protocol.md §10).
    stores: engines.redis ? redisSourceStores(engines.redis) : undefined,
  });
  // Pot and price snapshots carry the values of the last minutes, so their charts open with history.
  const recent = createRecentHistory();
  hub.onPublish(recent.record);
  hub.onRemotePublish(recent.record);
  // Alarm changes committed by other nodes: this node's open alarms, gauges and alerts snapshot follow them.
  hub.onRemotePublish((event) => {
    if (event.channel === 'alerts') alarms.observe(event);
  });
  // Devices, pots and markets changed through other nodes: this node's snapshots follow them.
  hub.onRemotePublish(sources.follow);
  for (const [channel, provider] of sources.snapshotProviders()) hub.setSnapshotProvider(channel, recent.withHistory(channel, provider));
  hub.catchUp();
  hub.setLocationDirectory(sources.hasLocation);
  const services: Services = { config, logger, metrics, tokens, hub, alarms, sources, mock, engines, startedAt: Date.now() };

  return {
    services,
    handleHttp: (req, res) => routeHttp(req, res, services),
    seedPage: (req) => seedPage(services, req),
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/v1/ws') {
        hub.handleUpgrade(req, socket, head);
        return true;
      }
      if (path.startsWith('/mock/') && mock) return mock.handleUpgrade(req, socket, head);
      return false;
    },
    start(baseUrl) {
      const upstreams = sources.upstreams(baseUrl);
      if (mock) {
        // The mock plays one floor: its generator and the connectors reading it run together on one node.
        const floor: Duty = {
          start() {
            mock.start(baseUrl);
            for (const upstream of upstreams) upstream.start();
          },
          async stop() {
            await Promise.all(upstreams.map((u) => u.stop()));
            mock.close();
          },
        };
        duties.push(runSingleDuty(createLease('mock-floor', leaseDeps), floor, logger));
      } else {
        // Each upstream source is connected from exactly one node; another takes it over when that node dies.
        for (const upstream of upstreams) duties.push(runSingleDuty(createLease(`source:${upstream.name}`, leaseDeps), upstream, logger));
      }
    },
    async close() {
      const running = duties;
      duties = [];
      await Promise.all(running.map((duty) => duty.close()));
      mock?.close();
      stopKpis();
      await sources.close();
      await hub.close();
      await alarms.close();
      await engines.close();
    },
  };
}
