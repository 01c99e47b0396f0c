import { type ReliabilityGateway, mintToken } from './gateway';
import { type Frame, Peer, sleep } from './peer';

/** A gamification-format `gameround` bet item; it publishes `bet.placed` on `game` with `id` = `unique_id`. */
export function gameRound(uniqueId: string, deviceId: string, playerId = 'p-watch'): { event: string; data: Record<string, unknown> } {
  return {
    event: 'gameround',
    data: {
      unique_id: uniqueId,
      timestamp: new Date().toISOString(),
      player_id: playerId,
      game_id: 'game-starburst',
      round_id: `r-${uniqueId}`,
      amount: 2.5,
      currency: 'EUR',
      is_win: false,
      device_id: deviceId,
    },
  };
}

/**
 * A client subscribed to one channel without filters: it must see every event the gateway publishes
 * there, with `seq` rising by exactly one and no event twice (docs/protocol.md §5 and §8).
 */
export class EventWatcher {
  /** Event id → seq, for every event seen. */
  readonly seen = new Map<string, number>();
  /** Ids of the events published through the ingest and accepted with 204. */
  readonly published: string[] = [];
  readonly gaps: string[] = [];
  duplicates = 0;
  publishFailures = 0;
  private lastSeq = -1;

  private constructor(
    private readonly gateway: ReliabilityGateway,
    readonly peer: Peer,
  ) {
    peer.onRaw = (_bytes, f: Frame) => {
      if (f.type !== 'event') return;
      if (this.seen.has(f.id)) this.duplicates++;
      this.seen.set(f.id, f.seq);
      if (this.lastSeq >= 0 && f.seq !== this.lastSeq + 1) this.gaps.push(`${this.lastSeq} → ${f.seq}`);
      this.lastSeq = f.seq;
    };
  }

  /** Logs in as an admin of its own and subscribes to `channel` with no filter. */
  static async start(gateway: ReliabilityGateway, channel: string): Promise<EventWatcher> {
    const peer = await Peer.login(gateway.wsUrl, await mintToken('admin', { user_id: 'watcher', name: 'Watcher' }), { keep: false });
    const watcher = new EventWatcher(gateway, peer);
    const answer = peer.next((f) => f.id === 'watch', 5000);
    peer.send({ type: 'subscribe', id: 'watch', channel });
    const res = await answer;
    if (res.type !== 'response') throw new Error(`watcher subscribe refused: ${JSON.stringify(res)}`);
    return watcher;
  }

  /** Posts batches of ten items every 20 ms while `going()` holds; returns when it stops. */
  async publishWhile(going: () => boolean, item: (n: number) => { data: Record<string, unknown> }): Promise<void> {
    let n = 0;
    while (going()) {
      const items = Array.from({ length: 10 }, () => item(++n));
      try {
        const res = await this.gateway.post(JSON.stringify({ items }));
        if (res.status === 204) this.published.push(...items.map((i) => i.data.unique_id as string));
        else this.publishFailures++;
      } catch {
        this.publishFailures++;
        if (!this.gateway.alive) return;
      }
      await sleep(20);
    }
  }

  /** Waits until every published event has been seen, or `timeoutMs`. */
  async settle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.missing().length > 0 && this.peer.isOpen) await sleep(50);
  }

  /** Published events the watcher has not seen. */
  missing(): string[] {
    return this.published.filter((id) => !this.seen.has(id));
  }

  close(): void {
    this.peer.terminate();
  }
}
