const TICK_MS = 100;

/**
 * Spreads `rate` events per second over 100 ms ticks (fractions carry over), and never bursts
 * more than half a second's worth after the event loop stalls.
 */
export function createTicker(onTick: (count: number, now: number, dtMs: number) => void) {
  let timer: NodeJS.Timeout | null = null;
  let rate = 0;
  let carry = 0;
  let last = 0;

  return {
    /** Starts or retunes the ticker at `eventsPerSecond`. */
    run(eventsPerSecond: number): void {
      rate = eventsPerSecond;
      if (timer) return;
      last = Date.now();
      timer = setInterval(() => {
        const now = Date.now();
        const dt = Math.min(now - last, 500);
        last = now;
        carry += (rate * dt) / 1000;
        const count = Math.floor(carry);
        carry -= count;
        onTick(count, now, dt);
      }, TICK_MS);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
      carry = 0;
    },
  };
}

/** Picks generators by weight: `play(n)` runs n of them. */
export function createEventMix(next: () => number, entries: [weight: number, play: (now: number) => void][]) {
  const total = entries.reduce((sum, [w]) => sum + w, 0);
  return (count: number, now: number) => {
    for (let i = 0; i < count; i++) {
      let r = next() * total;
      for (const [w, play] of entries) {
        r -= w;
        if (r < 0) {
          play(now);
          break;
        }
      }
    }
  };
}
