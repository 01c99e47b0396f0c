/** Exchange-format payloads (docs/protocol.md §12.1) with the documented fields filled in. */
export const TOURNAMENT = {
  id: 'sr:tournament:17',
  info: { banner: '', category: { countryCode: 'ENG', id: 1, name: 'England' }, id: 17, image: '', name: 'Premier League', sport: { id: 1, name: 'Soccer' }, sequence_number: 10 },
};
export const SPORT_EVENT = {
  id: '44285780',
  tournament_id: 'sr:tournament:17',
  info: {
    competitors: [
      { abbreviation: 'ARS', country: 'England', display_name: 'Arsenal', id: 42, name: 'Arsenal FC', side: 'home' },
      { abbreviation: 'CHE', country: 'England', display_name: 'Chelsea', id: 38, name: 'Chelsea FC', side: 'away' },
    ],
    display_name: 'Arsenal v Chelsea',
    event_id: 44285780,
    name: 'Arsenal FC vs Chelsea FC',
    scheduled: '2025-05-11T15:00:00Z',
    sport_name: 'Soccer',
    status: 'not_started',
    tournament_name: 'Premier League',
    type: 'match',
    sequence_number: 5,
  },
};
export const MARKET = { id: '44285780', info: { id: 219, sport_event_id: 44285780, name: 'Moneyline', status: 'active', description: 'Match winner', sequence_number: 7 } };
export const MARKET_LINE = {
  id: 9001,
  info: { id: 9001, sport_event_id: 44285780, market_id: 219, outcome_id: 4, line: 0, line_id: 'cffa7ddc4fd50acbe51684e7addabe00', type: 'moneyline', name: 'Arsenal', status: 'active', favourite: true, sequence_number: 3 },
};

/** One best selection with every documented field. */
export function selection(outcomeId: number, odds: number, stake: number) {
  return {
    outcome_id: outcomeId,
    name: outcomeId === 4 ? 'Arsenal' : 'Chelsea',
    competitor_id: outcomeId === 4 ? 42 : 38,
    line: 0,
    line_id: 'cffa7ddc4fd50acbe51684e7addabe00',
    odds,
    display_odds: odds > 0 ? `+${odds}` : String(odds),
    display_line: '',
    display_name: outcomeId === 4 ? 'Arsenal' : 'Chelsea',
    value: odds,
    stake,
    updated_at: 1717689526365,
  };
}

export function selections(sequence: number, stake = 120.5) {
  return {
    sport_event_id: 44285780,
    market_id: 219,
    info: { id: 219, name: 'Moneyline', selections: [[selection(4, 124, stake)], [selection(5, -140, 80)]], type: 'moneyline', line: 0, sequence_number: sequence },
  };
}

/** The seed's matched_bet example, verbatim. */
export const MATCHED_BET = {
  info: {
    line: 0,
    line_id: 'cffa7ddc4fd50acbe51684e7addabe00',
    market_id: 219,
    matched_odds: 124,
    matched_stake: 45.3,
    odds: 124,
    origin_market_line: 0,
    outcome_id: 4,
    sequence_number: 1709130007835319000,
    sport_event_id: 44285780,
  },
};

/** The seed's health_check frame, verbatim. */
export const HEALTH_CHECK = { event: 'health_check', data: { change_type: 'private_system_signal', op: 'u', payload: 'e30=', timestamp: 1717689526365275600 } };

/** A private wager message with every documented field: the operator's play, partly matched. */
export const WAGER = {
  info: {
    id: '5f0c2a1e-7b3d-4c1a-9e2f-1a2b3c4d5e6f',
    user_id: 'floor-operator',
    market_id: 219,
    sport_event_id: 44285780,
    outcome_id: 4,
    odds: 2.12,
    line: 0,
    stake: 200,
    profit: 134.4,
    matched_stake: 120,
    matched_odds: 2.12,
    totally_matched_stake: 120,
    unmatched_stake: 80,
    matching_status: 'partially_matched',
    winning_status: 'tbd',
    status: 'active',
    external_id: 'ext-1',
    line_id: 'cffa7ddc4fd50acbe51684e7addabe00',
    update_type: 'matched',
    sequence_number: 5,
  },
};
