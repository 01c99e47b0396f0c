import type { MonitorData } from './monitor-state';
import { initialAlarms } from './slices/alarms-slice';
import { initialBets } from './slices/bets-slice';
import { initialConnection, initialSession, initialUi } from './slices/connection-slice';
import { initialDevices } from './slices/devices-slice';
import { initialJackpots } from './slices/jackpots-slice';
import { initialKpis } from './slices/kpis-slice';
import { initialMarkets } from './slices/markets-slice';
import { initialNotifications } from './slices/notifications-slice';
import { initialPresence } from './slices/presence-slice';
import { initialWins } from './slices/wins-slice';

/** A store with nothing received yet. */
export function initialData(): MonitorData {
  return {
    session: initialSession,
    connection: initialConnection,
    bets: initialBets,
    wins: initialWins,
    jackpots: initialJackpots,
    markets: initialMarkets,
    alarms: initialAlarms,
    devices: initialDevices,
    kpis: initialKpis,
    presence: initialPresence,
    notifications: initialNotifications,
    ui: initialUi,
  };
}
