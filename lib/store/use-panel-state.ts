'use client';

import type { Channel } from '@/lib/protocol';
import { useMonitorShallow } from './use-monitor';

/**
 * A panel's state from the connection and its channels' readiness, plus whether its data is stale:
 * the connection is down, or it has gone quiet for longer than a heartbeat and a half.
 */
export function usePanelState(channels: Channel[], hasData: boolean): { state: 'loading' | 'empty' | 'disconnected' | 'error' | 'ready'; stale: boolean } {
  const { status, quiet, readiness } = useMonitorShallow((s) => ({
    status: s.connection.status,
    quiet: s.connection.quiet,
    readiness: channels.map((c) => s.connection.channels[c] ?? 'pending').join(','),
  }));
  const states = readiness.split(',');
  const stale = status !== 'live' || quiet;
  if (hasData) return { state: 'ready', stale };
  if (status === 'reconnecting' || status === 'offline') return { state: 'disconnected', stale };
  if (states.includes('error')) return { state: 'error', stale };
  if (status !== 'live' || states.some((r) => r !== 'ready')) return { state: 'loading', stale };
  return { state: 'empty', stale };
}
