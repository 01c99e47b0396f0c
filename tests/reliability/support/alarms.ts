import type { Frame, Peer } from './peer';

/** A casino `deviceOffline` ingest item; a terminal the floor does not know still raises an alarm. */
export function deviceOffline(terminalId: string): Record<string, unknown> {
  const at = new Date().toISOString();
  return { event: 'deviceOffline', timestamp: at, data: { terminalId, lostAt: at } };
}

/** A snapshot as received: its frames (one, or every part) and their byte sizes. */
export interface ReceivedSnapshot {
  frames: Frame[];
  bytes: number[];
  items: Record<string, unknown>[];
}

/**
 * Subscribes to `alerts` and collects its snapshot, whole or in parts (docs/protocol.md §4.4); the peer must
 * report raw sizes through `onRaw`, which this sets for the time of the call.
 */
export async function alertsSnapshot(peer: Peer, id: string, timeoutMs = 30_000): Promise<ReceivedSnapshot> {
  const frames: Frame[] = [];
  const bytes: number[] = [];
  let subscriptionId: string | undefined;
  const early: { size: number; frame: Frame }[] = [];
  const previous = peer.onRaw;
  let complete: () => void = () => {};
  const done = new Promise<void>((resolve) => (complete = resolve));
  const take = (size: number, frame: Frame) => {
    frames.push(frame);
    bytes.push(size);
    if (frames.length >= ((frame.parts as number | undefined) ?? 1)) complete();
  };
  peer.onRaw = (size, frame) => {
    previous?.(size, frame);
    if (frame.type !== 'snapshot') return;
    if (subscriptionId === undefined) early.push({ size, frame });
    else if (frame.subscription_id === subscriptionId) take(size, frame);
  };
  try {
    const res = await peer.request({ type: 'subscribe', id, channel: 'alerts' }, timeoutMs);
    if (res.type !== 'response') throw new Error(`alerts subscribe refused: ${JSON.stringify(res)}`);
    subscriptionId = res.subscription_id as string;
    for (const e of early) if (e.frame.subscription_id === subscriptionId) take(e.size, e.frame);
    await Promise.race([
      done,
      peer.closed.then((c) => Promise.reject(new Error(`closed with ${c.code} ${c.reason} after ${frames.length} snapshot frame(s)`))),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`snapshot incomplete after ${timeoutMs} ms: ${frames.length} frame(s)`)), timeoutMs)),
    ]);
  } finally {
    peer.onRaw = previous;
  }
  frames.sort((a, b) => ((a.part as number) ?? 1) - ((b.part as number) ?? 1));
  return { frames, bytes, items: frames.flatMap((f) => f.data as Record<string, unknown>[]) };
}
