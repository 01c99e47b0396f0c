import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './client-frames';
import { glanceRequestId } from './frame-scan';

describe('parseClientFrame', () => {
  it('parses a subscribe request with resume fields', () => {
    const result = parseClientFrame('{"type":"subscribe","id":"req-001","channel":"game","params":{"location_id":"loc-main"},"since":1041,"epoch":"e-7f3a"}');
    expect(result).toEqual({
      ok: true,
      frame: { type: 'subscribe', id: 'req-001', channel: 'game', params: { location_id: 'loc-main' }, since: 1041, epoch: 'e-7f3a' },
    });
  });

  it('maps the jackpot platform Authenticate action to an auth frame', () => {
    const result = parseClientFrame('{"action":{"Authenticate":{"auth_token":"abc"}}}');
    expect(result).toEqual({ ok: true, frame: { type: 'auth', token: 'abc' } });
  });

  it('calls text that is not JSON an invalid_message', () => {
    expect(parseClientFrame('hello')).toMatchObject({ ok: false, code: 'invalid_message' });
  });

  it('calls a non-object or an unknown type an invalid_message, echoing the id', () => {
    expect(parseClientFrame('[1,2]')).toMatchObject({ ok: false, code: 'invalid_message' });
    expect(parseClientFrame('{"type":"dance","id":"r9"}')).toMatchObject({ ok: false, code: 'invalid_message', id: 'r9' });
    expect(parseClientFrame('{"id":"r9"}')).toMatchObject({ ok: false, code: 'invalid_message' });
  });

  it('calls a known type with a malformed field invalid_params', () => {
    expect(parseClientFrame('{"type":"shelve","id":"r2","alarm_id":"a","minutes":-5}')).toMatchObject({ ok: false, code: 'invalid_params', id: 'r2' });
    expect(parseClientFrame('{"type":"unsubscribe","id":"r3"}')).toMatchObject({ ok: false, code: 'invalid_params', id: 'r3' });
  });
});

describe('parseClientFrame bounds', () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

  it('calls a frame nested deeper than 32 levels invalid_message, however it is nested', () => {
    expect(parseClientFrame(`{"type":"ping","x":${nested(31)}}`)).toMatchObject({ ok: true });
    expect(parseClientFrame(`{"type":"ping","x":${nested(32)}}`)).toMatchObject({ ok: false, code: 'invalid_message', message: expect.stringMatching(/32/) });
    const deepInfo = `{"type":"presence_join","channel":"game","user_info":${nested(4200)}}`;
    expect(parseClientFrame(deepInfo)).toMatchObject({ ok: false, code: 'invalid_message' });
    expect(parseClientFrame(`{"type":"ping","x":${'['.repeat(40)}${']'.repeat(40)}}`)).toMatchObject({ ok: false, code: 'invalid_message' });
  });

  it('does not count brackets inside strings', () => {
    expect(parseClientFrame(JSON.stringify({ type: 'ping', id: '{'.repeat(100) + '\\"[' }))).toMatchObject({ ok: true });
  });

  it('accepts a flat user_info of at most 1 KiB and refuses anything else as invalid_params', () => {
    const join = (user_info: unknown) => parseClientFrame(JSON.stringify({ type: 'presence_join', id: 'p1', channel: 'game', user_info }));
    expect(join({ name: 'Ann', desk: 3, away: false })).toMatchObject({ ok: true });
    expect(join({ note: 'x'.repeat(1000) })).toMatchObject({ ok: true });
    expect(join({ note: 'x'.repeat(1020) })).toMatchObject({ ok: false, code: 'invalid_params', id: 'p1', message: expect.stringMatching(/1024 bytes/) });
    expect(join({ nested: { a: 1 } })).toMatchObject({ ok: false, code: 'invalid_params', message: expect.stringMatching(/flat object/) });
    expect(join({ list: [1] })).toMatchObject({ ok: false, code: 'invalid_params' });
    expect(join('Ann')).toMatchObject({ ok: false, code: 'invalid_params' });
  });
});

describe('glanceRequestId', () => {
  it('finds a leading string or number id without parsing, and nothing else', () => {
    expect(glanceRequestId('{"type":"ping","id":"p-7","x":1}')).toBe('p-7');
    expect(glanceRequestId('{"id":42,"type":"ping"}')).toBe(42);
    expect(glanceRequestId('{"id":"a\\"b","type":"ping"}')).toBe('a"b');
    expect(glanceRequestId('{"type":"ping"}')).toBeUndefined();
    expect(glanceRequestId(`{"pad":"${'x'.repeat(600)}","id":"late"}`)).toBeUndefined();
  });
});
