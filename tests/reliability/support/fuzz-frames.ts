import { LOCATIONS } from './gateway';

/** A small seeded PRNG (mulberry32): the same seed gives the same frames, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One fuzzed frame and the replies the contract allows for it (`error:<code>` or a frame type). */
export interface FuzzCase {
  kind: string;
  text: string;
  expect: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Template = { frame: Record<string, Json>; ok: string[]; filterFields: string[] };

/** Fields a request cannot go without; the others may be left out and the request stays valid. */
const REQUIRED = ['channel', 'subscription_id', 'alarm_id', 'alarm_ids', 'minutes', 'token'];
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const INVALID_MESSAGE = ['error:invalid_message'];
const BAD_FIELD = ['error:invalid_params', 'error:invalid_message'];
/** Locations fuzz subscriptions filter on; the watcher's events come from `loc-01` only, so fuzz lanes see none of them. */
const QUIET_LOCATIONS = LOCATIONS.slice(30);
/** Locations fuzz presence joins use. */
const PRESENCE_LOCATIONS = LOCATIONS.slice(1, 30);

/** Fuzzed frames for one authenticated manager connection; `refreshToken` is a fresh token of the same user. */
export class FuzzFrames {
  private n = 0;

  constructor(
    private readonly rnd: () => number,
    private readonly lane: number,
    private readonly refreshToken: string,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)];
  }

  private int(max: number): number {
    return Math.floor(this.rnd() * max);
  }

  private id(): string {
    return `f${this.lane}-${++this.n}`;
  }

  /** The valid requests of the contract, with the replies each may get. */
  private template(): Template {
    const id = this.id();
    const alarm_id = `alm-fuzz-${this.int(1e9)}`;
    const choices: (() => Template)[] = [
      () => ({
        frame: { type: 'subscribe', id, channel: 'game', params: { location_id: this.pick(QUIET_LOCATIONS), min_amount: 5, events: ['bet.placed'] } },
        ok: ['response', 'error:subscription_limit'],
        filterFields: ['params'],
      }),
      () => ({
        frame: { type: 'subscribe', id, channel: this.pick(['cash', 'system', 'kpis']), params: { location_ids: [this.pick(QUIET_LOCATIONS)] } },
        ok: ['response', 'error:subscription_limit'],
        filterFields: ['params'],
      }),
      () => ({
        frame: { type: 'subscribe', id, channel: 'jackpots', params: { instance_id: `jp-${this.int(100)}` }, since: this.int(1000), epoch: 'e-unknown' },
        ok: ['response', 'error:subscription_limit'],
        filterFields: ['params'],
      }),
      () => ({ frame: { type: 'subscribe', id, channel: 'player', params: { player_id: `p-quiet-${this.int(100)}` } }, ok: ['response', 'error:subscription_limit'], filterFields: ['params'] }),
      () => ({ frame: { type: 'unsubscribe', id, subscription_id: `sub-${this.int(1e9).toString(16)}` }, ok: ['error:subscription_not_found'], filterFields: [] }),
      () => ({ frame: { type: 'list_subscriptions', id }, ok: ['subscriptions_list'], filterFields: [] }),
      () => ({ frame: { type: 'unsubscribe_all', id }, ok: ['response'], filterFields: [] }),
      () => ({ frame: { type: 'ping', id }, ok: ['pong'], filterFields: [] }),
      () => ({
        frame: { type: 'presence_join', id, channel: 'game', params: { location_id: this.pick(PRESENCE_LOCATIONS) }, user_info: { desk: `d-${this.int(50)}`, shift: 2, lead: false } },
        ok: ['response', 'error:presence_limit'],
        filterFields: ['params', 'user_info'],
      }),
      () => ({ frame: { type: 'presence_leave', id, channel: 'game', params: { location_id: this.pick(PRESENCE_LOCATIONS) } }, ok: ['response'], filterFields: ['params'] }),
      () => ({ frame: { type: 'presence_list', id, channel: 'game', params: { location_id: this.pick(PRESENCE_LOCATIONS) } }, ok: ['presence_list_response'], filterFields: ['params'] }),
      () => ({ frame: { type: 'ack', id, alarm_id, note: 'checked on the floor' }, ok: ['error:alarm_not_found'], filterFields: [] }),
      () => ({ frame: { type: 'ack', id, alarm_ids: [alarm_id, `${alarm_id}-b`], note: 'batch' }, ok: ['response'], filterFields: [] }),
      () => ({ frame: { type: 'shelve', id, alarm_id, minutes: 1 + this.int(60), reason: 'maintenance' }, ok: ['error:alarm_not_found'], filterFields: [] }),
      () => ({ frame: { type: 'unshelve', id, alarm_id }, ok: ['error:alarm_not_found'], filterFields: [] }),
      () => ({ frame: { type: 'auth', id, token: this.refreshToken }, ok: ['response'], filterFields: [] }),
    ];
    return this.pick(choices)();
  }

  /** A value of another JSON type than `original`; leaving the field out only where the field is required. */
  private wrongValue(original: Json | undefined, required: boolean): Json | undefined {
    const values: (Json | undefined)[] = [...(required ? [undefined] : []), 0, -1, 1.5, 1e308, true, null, '', 'x', [], [1, 'a'], {}, { a: 1 }];
    const kind = (v: Json | undefined) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    for (let tries = 0; tries < 20; tries++) {
      const v = this.pick(values);
      if (kind(v) !== kind(original)) return v;
    }
    return 42;
  }

  private nest(depth: number, leaf: Json = 1): Json {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = this.rnd() < 0.5 ? [value] : { k: value };
    return value;
  }

  /** The next fuzzed frame. */
  next(): FuzzCase {
    const r = this.rnd();
    const t = this.template();
    const f = t.frame;
    if (r < 0.12) return { kind: `valid ${f.type}`, text: JSON.stringify(f), expect: t.ok };
    if (r < 0.42) {
      const fields = Object.keys(f).filter((k) => k !== 'type');
      const field = this.pick(fields);
      const copy: Record<string, Json | undefined> = { ...f, [field]: this.wrongValue(f[field], REQUIRED.includes(field)) };
      if (field === 'params' && copy.params === null) copy.params = 7;
      let expect = BAD_FIELD;
      if (field === 'id') expect = [...t.ok, ...BAD_FIELD];
      else if (field === 'channel') expect = ['error:invalid_params', 'error:channel_not_found'];
      else if (t.filterFields.includes(field) || field === 'alarm_ids') expect = ['error:invalid_params'];
      return { kind: `wrong type ${f.type}.${field}`, text: JSON.stringify(copy), expect };
    }
    if (r < 0.5) return this.badFilter();
    if (r < 0.55) {
      const type = this.pick([...PROTO_KEYS, 'subscribe ', 'PING', 'health_check', 'welcome', 'event', '']);
      const value: Json = this.rnd() < 0.8 ? type : this.pick([1, true, null, ['ping'], { type: 'ping' }]);
      return { kind: 'unknown type', text: JSON.stringify({ ...f, type: value }), expect: INVALID_MESSAGE };
    }
    if (r < 0.6) return this.prototypeKeys();
    if (r < 0.66) return this.deep();
    if (r < 0.71) return this.huge(t);
    if (r < 0.83) {
      const text = JSON.stringify(f);
      return { kind: 'truncated JSON', text: text.slice(0, 1 + this.int(text.length - 1)), expect: INVALID_MESSAGE };
    }
    return this.randomText();
  }

  private badFilter(): FuzzCase {
    const id = this.id();
    const variants: [string, Record<string, Json>][] = [
      ['unknown filter key', { location_id: 'loc-31', colour: 'red' }],
      ['filter of wrong type', { location_id: 31 }],
      ['filter of wrong type', { location_ids: 'loc-31' }],
      ['filter of wrong type', { min_amount: '5' }],
      ['unknown event name', { events: ['bet.placed', 'bet.cancelled'] }],
      ['prototype event name', { events: [this.pick(PROTO_KEYS)] }],
      ['prototype filter key', { [this.pick(PROTO_KEYS.slice(1))]: 'loc-31' }],
      ['filter of another channel', { severities: ['critical'] }],
    ];
    const [kind, params] = this.pick(variants);
    return { kind: `subscribe: ${kind}`, text: JSON.stringify({ type: 'subscribe', id, channel: 'game', params }), expect: ['error:invalid_params'] };
  }

  private prototypeKeys(): FuzzCase {
    const id = this.id();
    const key = this.pick(PROTO_KEYS);
    const variants: FuzzCase[] = [
      { kind: 'prototype key holding the type', text: `{"${key}":{"type":"ping"},"id":"${id}"}`, expect: INVALID_MESSAGE },
      { kind: 'prototype key beside a ping', text: `{"type":"ping","id":"${id}","${key}":{"prototype":{"polluted":true}}}`, expect: ['pong'] },
      { kind: 'prototype channel', text: JSON.stringify({ type: 'subscribe', id, channel: key }), expect: ['error:channel_not_found'] },
      { kind: 'prototype presence channel', text: JSON.stringify({ type: 'presence_list', id, channel: key }), expect: ['error:channel_not_found'] },
      { kind: 'prototype params key', text: `{"type":"subscribe","id":"${id}","channel":"game","params":{"${key}":{"location_id":"loc-31"}}}`, expect: ['error:invalid_params'] },
      {
        kind: 'prototype key in user_info',
        text: `{"type":"presence_join","id":"${id}","channel":"game","params":{"location_id":"loc-02"},"user_info":{"${key}":{"role":"admin"}}}`,
        expect: ['error:invalid_params'],
      },
    ];
    return this.pick(variants);
  }

  private deep(): FuzzCase {
    const id = this.id();
    const r = this.rnd();
    // The whole frame counts: the outer object is level 1, so `x` at 31 more levels is exactly 32.
    if (r < 0.15) return { kind: 'nesting at the limit (32 levels)', text: JSON.stringify({ type: 'ping', id, x: this.nest(30, []) }), expect: ['pong'] };
    const shallow = r < 0.6;
    const depth = shallow ? 33 + this.int(100) : 1000 + this.int(25_000);
    // Built as text: the very deep ones are past what JSON.stringify can recurse through; arrays keep them under 64 KiB.
    const nested = shallow ? JSON.stringify(this.nest(depth)) : '['.repeat(depth) + ']'.repeat(depth);
    const where = this.pick(['extra', 'params', 'user_info', 'top']);
    const text =
      where === 'top'
        ? '['.repeat(depth) + ']'.repeat(depth)
        : where === 'extra'
          ? `{"type":"ping","id":"${id}","x":${nested}}`
          : where === 'params'
            ? `{"type":"subscribe","id":"${id}","channel":"game","params":{"location_id":${nested}}}`
            : `{"type":"presence_join","id":"${id}","channel":"game","params":{"location_id":"loc-02"},"user_info":{"deep":${nested}}}`;
    return { kind: `deep nesting (${where}, ${shallow ? '33+' : '1,000+'} levels)`, text, expect: INVALID_MESSAGE };
  }

  private huge(t: Template): FuzzCase {
    const big = 'x'.repeat(10_000 + this.int(50_000));
    const f = t.frame;
    const variants: FuzzCase[] = [
      { kind: 'huge id', text: JSON.stringify({ ...f, id: big }), expect: [...t.ok, ...BAD_FIELD] },
      { kind: 'huge alarm_id', text: JSON.stringify({ type: 'ack', id: this.id(), alarm_id: big }), expect: ['error:alarm_not_found', ...BAD_FIELD] },
      { kind: 'huge subscription_id', text: JSON.stringify({ type: 'unsubscribe', id: this.id(), subscription_id: big }), expect: ['error:subscription_not_found', ...BAD_FIELD] },
      { kind: 'huge channel', text: JSON.stringify({ type: 'subscribe', id: this.id(), channel: big }), expect: ['error:channel_not_found', 'error:invalid_params'] },
      {
        kind: 'huge since',
        text: JSON.stringify({ type: 'subscribe', id: this.id(), channel: 'system', params: { location_id: 'loc-39' }, since: 1e300, epoch: 'e-x' }),
        expect: ['response', 'error:subscription_limit', ...BAD_FIELD],
      },
      {
        kind: 'user_info over 1 KiB',
        text: JSON.stringify({ type: 'presence_join', id: this.id(), channel: 'game', params: { location_id: 'loc-03' }, user_info: { note: big } }),
        expect: ['error:invalid_params'],
      },
    ];
    return this.pick(variants);
  }

  private randomText(): FuzzCase {
    const r = this.rnd();
    const length = 1 + this.int(r < 0.9 ? 200 : 20_000);
    let text = '';
    if (r < 0.4) {
      for (let i = 0; i < length; i++) text += String.fromCharCode(32 + this.int(95));
    } else if (r < 0.7) {
      // Any code point outside the surrogates: valid UTF-8 once encoded.
      for (let i = 0; i < length; i++) {
        let cp = this.int(0x110000);
        if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
        text += String.fromCodePoint(cp);
      }
    } else {
      text = JSON.stringify(this.pick<Json>([null, 0, 'ping', [], [{ type: 'ping' }], true, { id: 'x' }, { type: null }, {}]));
    }
    return { kind: 'random text', text, expect: INVALID_MESSAGE };
  }
}
