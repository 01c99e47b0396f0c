import type { Channel, SessionUser } from '@/lib/protocol';
import type { ConnectionStatus, StatusDetail } from '../socket-types';

/** A channel's readiness: waiting for its first answer or snapshot, showing data, or refused. */
export type ChannelReadiness = 'pending' | 'ready' | 'error';

export interface ConnectionSlice {
  status: ConnectionStatus;
  detail: StatusDetail;
  /** Last ping→pong round trip, ms. */
  rttMs: number | null;
  eventsPerSec: number;
  /** When the last frame of any kind arrived (ms, updated once a second); panels show their data's age from it. */
  lastFrameAt: number | null;
  /** The epoch of the current welcome. */
  epoch: string | null;
  channels: Partial<Record<Channel, ChannelReadiness>>;
  /** The last error the gateway reported that no panel shows (rate limits, refused channels). */
  lastError: string | null;
}

export const initialConnection: ConnectionSlice = {
  status: 'offline',
  detail: { attempt: 0 },
  rttMs: null,
  eventsPerSec: 0,
  lastFrameAt: null,
  epoch: null,
  channels: {},
  lastError: null,
};

export interface SessionSlice {
  token: string | null;
  /** From the token's claims at once, confirmed by the welcome. */
  user: SessionUser | null;
  /** Whether the browser has been looked at for a token yet (false during the first render). */
  checked: boolean;
  /** Set when the gateway refused the token, so the login page can say why. */
  refused: boolean;
}

export const initialSession: SessionSlice = { token: null, user: null, checked: false, refused: false };

export interface UiSlice {
  /** Live feeds (bets, wins, matched bets) are frozen for reading. */
  paused: boolean;
  /** The location every floor panel shows; null for all. */
  locationId: string | null;
  /** The user asked for sound and a browser notification on new critical alarms. */
  notifyOptIn: boolean;
}

export const initialUi: UiSlice = { paused: false, locationId: null, notifyOptIn: false };
