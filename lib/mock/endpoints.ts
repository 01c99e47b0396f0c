/** Paths of the mock upstreams on the gateway's own port (docs/protocol.md §16). */
export const MOCK_PATHS = {
  exchange: '/mock/exchange',
  jackpot: '/mock/jackpot/events',
  casino: '/mock/casino',
} as const;

/** Token the mock jackpot and casino accept when `JACKPOT_TOKEN` / `CASINO_TOKEN` are unset. */
export const MOCK_UPSTREAM_TOKEN = 'mock-upstream-token';
