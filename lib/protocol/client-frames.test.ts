import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './client-frames';

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
