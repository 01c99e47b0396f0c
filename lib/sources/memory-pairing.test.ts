import { describe, expect, it } from 'vitest';
import { MemoryPairing } from './memory-pairing';
import { pairingStoreConformance } from './pairing-store.conformance';

pairingStoreConformance((retain) => new MemoryPairing(retain * 2));

describe('MemoryPairing', () => {
  it('forgets the oldest rounds beyond its capacity', () => {
    const pairing = new MemoryPairing(10);
    for (let i = 0; i < 100; i++) pairing.rememberBet(`r${i}`, i);
    expect(pairing.betFor('r0')).toBeNull();
    expect(pairing.betFor('r99')).toBe(99);
  });
});
