import type { Channel } from '../../protocol';

interface Waiter<T> {
  epoch: string;
  resolve(value: T | null): void;
  timer: NodeJS.Timeout;
}

/**
 * Promises waiting for one channel position (epoch and seq) to be delivered: a publish waiting for its own
 * entry to come back, a subscribe waiting for this node to catch up with a client that was ahead of it.
 * Each resolves with what was delivered there, or null once its time is up or the waiters are cleared.
 */
export class SeqWaiters<T> {
  private readonly byChannel = new Map<Channel, Map<number, Waiter<T>[]>>();

  wait(channel: Channel, epoch: string, seq: number, timeoutMs: number): Promise<T | null> {
    return new Promise((resolve) => {
      let bySeq = this.byChannel.get(channel);
      if (!bySeq) this.byChannel.set(channel, (bySeq = new Map()));
      const list = bySeq.get(seq) ?? [];
      const waiter: Waiter<T> = {
        epoch,
        resolve,
        timer: setTimeout(() => {
          const left = (bySeq.get(seq) ?? []).filter((w) => w !== waiter);
          if (left.length) bySeq.set(seq, left);
          else bySeq.delete(seq);
          resolve(null);
        }, timeoutMs),
      };
      list.push(waiter);
      bySeq.set(seq, list);
    });
  }

  /** Resolves the waiters of this position with what was delivered there. */
  settle(channel: Channel, epoch: string, seq: number, value: T): void {
    const bySeq = this.byChannel.get(channel);
    const list = bySeq?.get(seq);
    if (!list) return;
    bySeq!.delete(seq);
    for (const waiter of list) {
      clearTimeout(waiter.timer);
      waiter.resolve(waiter.epoch === epoch ? value : null);
    }
  }

  /** Resolves every waiter with null. */
  clear(): void {
    for (const bySeq of this.byChannel.values()) {
      for (const list of bySeq.values()) {
        for (const waiter of list) {
          clearTimeout(waiter.timer);
          waiter.resolve(null);
        }
      }
    }
    this.byChannel.clear();
  }
}
