import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNELS } from './channels';
import { can } from './identity';

describe('role × channel permissions (docs/protocol.md §2)', () => {
  const readable = (role: Parameters<typeof can>[0]) => CHANNEL_NAMES.filter((c) => can(role, CHANNELS[c].permission));

  it('gives operators the floor but not markets', () => {
    expect(readable('operator')).toEqual(['game', 'cash', 'player', 'system', 'alerts', 'kpis', 'jackpots', 'notifications']);
    expect(can('operator', 'alerts.ack')).toBe(false);
  });

  it('gives managers everything and acknowledgement', () => {
    expect(readable('manager')).toEqual(CHANNEL_NAMES);
    expect(can('manager', 'alerts.ack')).toBe(true);
  });

  it('gives sportsbook staff only markets and their notifications', () => {
    expect(readable('sportsbook')).toEqual(['markets', 'notifications']);
  });

  it('gives admins everything', () => {
    expect(readable('admin')).toEqual(CHANNEL_NAMES);
    expect(can('admin', 'alerts.ack')).toBe(true);
  });
});
