import type { ErrorCode, RequestId, ServerFrame } from '../protocol';

/** Extra fields an error frame may carry (docs/protocol.md §7). */
export interface ErrorExtras {
  channel?: string;
  required_permission?: string;
  current?: number;
  limit?: number;
  subscription_id?: string;
}

/** Serializes a control frame; events take the faster path of `eventTail` + `eventFrame`. */
export function encodeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

/** An error frame, with the request id echoed when the client sent one. */
export function encodeError(id: RequestId, code: ErrorCode, message: string, extras?: ErrorExtras): string {
  return JSON.stringify(id === undefined ? { type: 'error', code, message, ...extras } : { type: 'error', id, code, message, ...extras });
}

/**
 * The part of an event frame every subscription shares, from the closing quote of
 * `subscription_id` to the end. Built once per published event (and encoded once, by the history).
 */
export function eventTail(channel: string, event: string, seq: number, id: string, ts: string, dataJson: string): string {
  return (
    '","channel":' + JSON.stringify(channel) +
    ',"event":' + JSON.stringify(event) +
    ',"seq":' + seq +
    ',"id":' + JSON.stringify(id) +
    ',"ts":' + JSON.stringify(ts) +
    ',"data":' + dataJson + '}'
  );
}

/**
 * The part of an event frame that is one subscription's own, up to its id. Built once per
 * subscription; ids come from a safe alphabet, so plain concatenation is valid JSON.
 */
export function eventPrefix(subscriptionId: string): Buffer {
  return Buffer.from('{"type":"event","subscription_id":"' + subscriptionId);
}
