import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus series the process exposes at `GET /api/metrics`, in one registry per process. With
 * `nodeId` (a node of several), every series carries `node_id`, so one dashboard tells the nodes apart.
 */
export function createMetrics(options: { nodeId?: string } = {}) {
  const registry = new Registry();
  if (options.nodeId) registry.setDefaultLabels({ node_id: options.nodeId });
  collectDefaultMetrics({ register: registry, prefix: 'floor_' });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({ name: 'floor_ws_connections', help: 'Open dashboard WebSocket connections', registers }),
    subscriptions: new Gauge({ name: 'floor_ws_subscriptions', help: 'Active subscriptions by channel', labelNames: ['channel'], registers }),
    eventsIn: new Counter({ name: 'floor_events_in_total', help: 'Events received by source', labelNames: ['source'], registers }),
    eventsPublished: new Counter({ name: 'floor_events_published_total', help: 'Events published by channel', labelNames: ['channel'], registers }),
    eventsOut: new Counter({ name: 'floor_events_out_total', help: 'Event frames sent to dashboards by channel', labelNames: ['channel'], registers }),
    drops: new Counter({ name: 'floor_drops_total', help: 'Frames or events dropped, by reason', labelNames: ['reason'], registers }),
    slowConsumerDisconnects: new Counter({ name: 'floor_slow_consumer_disconnects_total', help: 'Connections closed with 1013 for an unsent buffer over 8 MiB', registers }),
    wsErrors: new Counter({ name: 'floor_ws_errors_total', help: 'Error frames sent, by code', labelNames: ['code'], registers }),
    badInput: new Counter({ name: 'floor_source_bad_input_total', help: 'Rejected upstream input by source and reason', labelNames: ['source', 'reason'], registers }),
    ingestLatency: new Histogram({
      name: 'floor_ingest_latency_seconds',
      help: 'Time from an event entering the gateway to its publication',
      labelNames: ['source'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    alarmsOpen: new Gauge({ name: 'floor_alarms_open', help: 'Alarms not yet cleared, by severity', labelNames: ['severity'], registers }),
    alarmsUnacked: new Gauge({ name: 'floor_alarms_unacked', help: 'Alarms awaiting acknowledgement and not shelved, by severity', labelNames: ['severity'], registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
