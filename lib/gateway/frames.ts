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
  return headOf(channel, event) + seq + ',"id":' + JSON.stringify(id) + ',"ts":' + tsJson(ts) + ',"data":' + dataJson + '}';
}

/** The start of a tail, up to its seq, per channel and event (a few dozen pairs, from the registry). */
const heads = new Map<string, Map<string, string>>();

function headOf(channel: string, event: string): string {
  let byEvent = heads.get(channel);
  if (!byEvent) heads.set(channel, (byEvent = new Map()));
  let head = byEvent.get(event);
  if (head === undefined) byEvent.set(event, (head = '","channel":' + JSON.stringify(channel) + ',"event":' + JSON.stringify(event) + ',"seq":'));
  return head;
}

let lastTs = '';
let lastTsJson = '""';

/** `JSON.stringify(ts)`, remembering the last one: the events of a batch often share their time. */
function tsJson(ts: string): string {
  if (ts !== lastTs) {
    lastTsJson = JSON.stringify(ts);
    lastTs = ts;
  }
  return lastTsJson;
}

/**
 * The part of an event frame that is one subscription's own, up to its id. Built once per
 * subscription; ids come from a safe alphabet, so plain concatenation is valid JSON.
 */
export function eventPrefix(subscriptionId: string): Buffer {
  return Buffer.from('{"type":"event","subscription_id":"' + subscriptionId);
}
