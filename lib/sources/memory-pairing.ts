import type { PairingStore } from './pairing-store';
import { RoundBets } from './round-bets';

/** `PairingStore` in this process's memory: holds at least the latest `capacity / 2` rounds, at most `capacity`. */
export class MemoryPairing implements PairingStore {
  private readonly betByRound: RoundBets;

  constructor(capacity: number) {
    this.betByRound = new RoundBets(capacity);
  }

  rememberBet(roundId: string, amount: number): void {
    this.betByRound.set(roundId, amount);
  }

  betFor(roundId: string): number | null {
    return this.betByRound.get(roundId) ?? null;
  }

  rememberBets(bets: readonly (readonly [string, number])[]): void {
    for (const [roundId, amount] of bets) this.betByRound.set(roundId, amount);
  }

  betsFor(roundIds: readonly string[]): (number | null)[] {
    return roundIds.map((roundId) => this.betByRound.get(roundId) ?? null);
  }
}
