import type { UpstreamTiming } from './upstream';
import type { SourceDeps, SourceHealth } from './types';

/** What every upstream connector offers the sources. */
export interface Connector {
  readonly name: string;
  /** Connects to the upstream at `url` (with the platform's `token` where it asks for one) and stays connected until closed. */
  start(url: string, token?: string): void;
  health(): SourceHealth;
  close(): Promise<void>;
}

export interface ConnectorOptions {
  deps: SourceDeps;
  timing?: Partial<UpstreamTiming>;
}

/** ISO time of an upstream epoch timestamp in s, ms, µs or ns (the exchange sends ns); now when absent or absurd. */
export function isoFromEpoch(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return new Date().toISOString();
  const ms = value > 1e17 ? value / 1e6 : value > 1e14 ? value / 1e3 : value > 1e11 ? value : value * 1000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/** Records a published upstream event in metrics: events in, and latency since the frame arrived. */
export function observeEvent({ metrics }: SourceDeps, source: string, receivedAt: number): void {
  metrics.eventsIn.inc({ source });
  metrics.ingestLatency.observe({ source }, (Date.now() - receivedAt) / 1000);
}
