import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PAGE_SEED_HEADER } from '../runtime/page-seed-header';
import { seedPage, withoutToken } from './page-seed';

describe('withoutToken', () => {
  it('takes the token out of a page address and keeps the rest in order', () => {
    expect(withoutToken('/?token=abc.def-ghi')).toBe('/');
    expect(withoutToken('/alarms?alarm=a-1&token=abc&kiosk=1')).toBe('/alarms?alarm=a-1&kiosk=1');
    expect(withoutToken('/?token=a&token=b')).toBe('/');
  });

  it('leaves an address without a token as it is', () => {
    expect(withoutToken('/')).toBe('/');
    expect(withoutToken('/alarms?alarm=a-1')).toBe('/alarms?alarm=a-1');
    expect(withoutToken('/?not_token=1&tokens=2')).toBe('/?not_token=1&tokens=2');
  });
});

describe('seedPage', () => {
  const refusing = {
    tokens: { verify: async () => ({ ok: false }) },
    hub: { recentEvents: () => null },
    logger: { error: () => undefined },
  } as unknown as Parameters<typeof seedPage>[0];
  const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers }) as unknown as IncomingMessage;

  it('renders every page without the token in its address, seeded or not', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const req = request(method, '/alarms?token=abc&kiosk=1');
      await seedPage(refusing, req);
      expect(req.url, method).toBe('/alarms?kiosk=1');
    }
  });

  it('removes a seed header the client sent, with or without a token', async () => {
    for (const url of ['/', '/?token=abc']) {
      const req = request('GET', url, { [PAGE_SEED_HEADER]: 'e30' });
      await seedPage(refusing, req);
      expect(req.headers[PAGE_SEED_HEADER], url).toBeUndefined();
    }
  });
});
