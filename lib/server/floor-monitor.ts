import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { notifyCriticalAlarms } from '../gateway/alarm-notifier';
import { createAlarmService } from '../gateway/alarms';
import type { AlarmLedger } from '../gateway/alarms/alarm-ledger';
import { PgAlarmLedger } from '../gateway/alarms/pg-ledger';
import { TokenAuthority } from '../gateway/auth';
import { createHub } from '../gateway/hub';
import { startKpiChannel } from '../gateway/kpis/kpi-channel';
import { MemoryKpiMinutes } from '../gateway/kpis/kpi-minutes-memory';
import { createRecentHistory } from '../gateway/recent-history';
import { routeHttp } from '../http/routes';
import { createMockStream } from '../mock';
import { createSources } from '../sources';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { createMetrics } from '../runtime/metrics';
import type { Services } from './services';

/** The gateway side of the process, independent of Next: HTTP API, WebSocket hub, sources, alarms, mock. */
export interface FloorMonitor {
  services: Services;
  /** Answers an API request; false when the path is not the gateway's (Next serves it). */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Takes an upgrade on `/v1/ws` or `/mock/...`; false when the path is not the gateway's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Connects sources (and starts the mock) once the port is known. */
  start(baseUrl: string): void;
  close(): Promise<void>;
}

/** Engines opened before the gateway is built (they connect asynchronously): see `openFloorMonitor`. */
export interface FloorMonitorEngines {
  /** Where alarms are kept; by default SQLite in `DATA_DIR`. */
  alarmLedger?: AlarmLedger;
}

/**
 * Builds the gateway with the engines the configuration names, connecting them first: the alarm ledger in
 * PostgreSQL when `DATABASE_URL` is set, else SQLite in `DATA_DIR`. Resolves once the open alarms are loaded.
 */
export async function openFloorMonitor(config: Config, logger: Logger): Promise<FloorMonitor> {
  const alarmLedger = config.databaseUrl ? await PgAlarmLedger.connect(config.databaseUrl, { logger }) : undefined;
  const monitor = createFloorMonitor(config, logger, { alarmLedger });
  try {
    await monitor.services.alarms.ready;
  } catch (err) {
    await monitor.close();
    throw err;
  }
  return monitor;
}

/** Builds every gateway part from the configuration; engines that connect asynchronously come ready-made (`openFloorMonitor`). */
export function createFloorMonitor(config: Config, logger: Logger, engines: FloorMonitorEngines = {}): FloorMonitor {
  if (config.databaseUrl && !engines.alarmLedger) throw new Error('DATABASE_URL is set: open the gateway with openFloorMonitor, which connects to PostgreSQL first');
  if (config.authSecretIsDefault) logger.warn('AUTH_SECRET is not set: using the development secret; set AUTH_SECRET in production');
  const metrics = createMetrics();
  const tokens = new TokenAuthority(config.authSecret);
  const hub = createHub({
    tokens,
    metrics,
    logger,
    options: { maxConnectionsPerUser: config.maxConnectionsPerUser, allowedOrigins: config.allowedOrigins },
  });
  const alarms = createAlarmService({ dataDir: config.dataDir, ledger: engines.alarmLedger, publisher: hub, metrics, logger, escalateMinutes: config.alarmEscalateMinutes });
  hub.setAlarmActions(alarms);
  hub.setSnapshotProvider('alerts', () => alarms.open());
  notifyCriticalAlarms(hub);
  const stopKpis = startKpiChannel(hub, new MemoryKpiMinutes());
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
  });
  // Pot and price snapshots carry the values of the last minutes, so their charts open with history.
  const recent = createRecentHistory();
  hub.onPublish(recent.record);
  for (const [channel, provider] of sources.snapshotProviders()) hub.setSnapshotProvider(channel, recent.withHistory(channel, provider));
  hub.setLocationDirectory(sources.hasLocation);
  const services: Services = { config, logger, metrics, tokens, hub, alarms, sources, mock, startedAt: Date.now() };

  return {
    services,
    handleHttp: (req, res) => routeHttp(req, res, services),
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
      mock?.start(baseUrl);
      sources.start(baseUrl);
    },
    async close() {
      mock?.close();
      stopKpis();
      await sources.close();
      await hub.close();
      await alarms.close();
    },
  };
}
