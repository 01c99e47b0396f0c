/** Jackpot-format events (docs/protocol.md §12.2) with the documented fields filled in. */
const multipliers = { brand_id: 'brand-1', base_currency: 'EUR', multipliers: { EUR: 1, GBP: 0.85, ZAR: 20.1, NZD: 1.8, SEK: 11.4 } };
const payout = { player_id: 'u3849', brand_id: 'brand-1', currency: 'EUR', win_amount: 25 };

export const JACKPOT_UPDATE = {
  event_type: 'JackpotUpdateEvent',
  event_id: 'd6f05820-1da2-4152-bcba-6c0186f6cd77',
  data: {
    id: 'jp-grand',
    status: 'active',
    jackpot_type: 'Jackpot',
    currency: 'EUR',
    allowed_brands: ['brand-1'],
    allowed_sources: ['casino'],
    pots: [
      { id: 'grand', is_progressive: true, current_value: 125000.5 },
      { id: 'minor', is_progressive: false, current_value: 500 },
    ],
    timestamp_start: null,
    timestamp_end: null,
    last_updated: 1717689526365,
  },
};
export const JACKPOT_WIN = {
  event_type: 'JackpotWinEvent',
  event_id: '3fe809f4-c94f-4950-9b86-5f2d0b8f604f',
  data: {
    brand_id: 'brand-1',
    player_id: 'u3849',
    source_id: null,
    instance_id: 'jp-grand',
    jackpot_name: 'Grand Progressive',
    timestamp: 1717689526365,
    win_pot_id: 'minor',
    win_amount: 500,
    currency_multipliers: multipliers,
    games_in_jackpot: ['GD8'],
    seed: 400,
    win_withheld: false,
    seed_deficit: 0,
    community_winners: null,
    metadata: null,
  },
};
export const RAFFLE_WIN = {
  event_type: 'RaffleWinEvent',
  event_id: 'a1b2c3d4-0000-4000-8000-000000000001',
  data: { brand_id: 'brand-1', instance_id: 'jp-raffle', jackpot_name: 'Weekly Raffle', jackpot_currency: 'EUR', currency_multipliers: multipliers, timestamp: 1717689526365, winners: [payout], win_withheld: false },
};
export const OPT_IN = {
  event_type: 'OptInEvent',
  event_id: '27045bf8-78d2-4f99-97f1-e7d2e3aa434d',
  data: { instance_id: 'jp-grand', player_id: 'u3849', ext_player_id: 'ext-3849', player_brand_id: 'brand-1', preferred_contribution_value: [0.1], contribution_count: 3, contribution_value: 0.3, opted_in: true, last_updated: 1717689526 },
};
export const COMMUNITY_PAYOUT_ERROR = {
  event_type: 'CommunityPayoutErrorEvent',
  event_id: 'c034a751-cf91-4722-bc89-a2f8af472805',
  data: { instance_id: 'jp-grand', gameround_id: 'round-77', tx_credit_id: 'tx-1', failed_payouts: [payout, { ...payout, player_id: 'u4000' }] },
};
export const RAFFLE_PAYOUT_ERROR = {
  event_type: 'RafflePayoutErrorEvent',
  event_id: 'e981296b-199f-4454-b4ec-b3f36910c2cc',
  data: { instance_id: 'jp-raffle', failed_payouts: [payout] },
};
