import type { ConnectionSlice, SessionSlice, UiSlice } from './slices/connection-slice';
import type { SliceData } from './slices';
import type { PresenceSlice } from './slices/presence-slice';
import type { RequestResult } from './socket-types';

/**
 * Everything the dashboard draws; serializable facts only. The data slices come from the slice table
 * (`slices/index.ts`); the session, connection, presence and UI state are the store's own.
 */
export interface MonitorData extends SliceData {
  session: SessionSlice;
  connection: ConnectionSlice;
  presence: PresenceSlice;
  ui: UiSlice;
}

/** What components may ask of the store. */
export interface MonitorActions {
  /** Picks up the token (address bar first, then the browser's storage) and connects; false when there is none. */
  start(): boolean;
  /** Keeps a fresh token for the browser's tabs and connects with it. */
  signIn(token: string): void;
  /** Forgets the token, closes the connection and clears every slice. */
  signOut(): void;
  /**
   * Follows the token another tab kept or forgot: signs in with a new one, or ends this tab's session
   * when the user signed out elsewhere.
   */
  syncToken(): void;
  /** Checks at once whether data still arrives (the page woke from sleep or came back to the foreground). */
  checkLiveness(): void;
  /** Closes the connection without forgetting the token (page teardown). */
  stop(): void;
  setPaused(paused: boolean): void;
  setLocation(locationId: string | null): void;
  setNotifyOptIn(on: boolean): void;
  /** Acknowledges one alarm, with the note typed for it. */
  acknowledge(alarmId: string, note?: string): Promise<RequestResult>;
  /** Acknowledges several alarms with one note (bulk `ack` with `alarm_ids`); each succeeds or fails on its own. */
  acknowledgeMany(alarmIds: string[], note?: string): Promise<RequestResult>;
  /** Hides an alarm for `minutes`; the reason is required and audited. */
  shelve(alarmId: string, minutes: number, reason: string): Promise<RequestResult>;
  /** Brings a shelved alarm back at once. */
  unshelve(alarmId: string): Promise<RequestResult>;
}

export interface MonitorState extends MonitorData {
  actions: MonitorActions;
}
