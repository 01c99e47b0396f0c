import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-check';

const req = (headers: Record<string, string>): Pick<IncomingMessage, 'headers'> => ({ headers });

describe('originAllowed', () => {
  it('lets services without an Origin through', () => {
    expect(originAllowed(req({ host: 'floor:3000' }), null)).toBe(true);
    expect(originAllowed(req({ host: 'floor:3000' }), ['https://ops.example'])).toBe(true);
  });

  it('allows only the page\'s own origin by default', () => {
    expect(originAllowed(req({ host: 'floor:3000', origin: 'http://floor:3000' }), null)).toBe(true);
    expect(originAllowed(req({ host: 'floor:3000', origin: 'https://evil.example' }), null)).toBe(false);
    expect(originAllowed(req({ host: 'floor:3000', origin: 'http://floor:3001' }), null)).toBe(false);
    expect(originAllowed(req({ host: 'floor:3000', origin: 'null' }), null)).toBe(false);
  });

  it('allows the configured origins besides the page\'s own', () => {
    const list = ['https://ops.example', 'http://wall.local:8080'];
    expect(originAllowed(req({ host: 'floor:3000', origin: 'https://ops.example' }), list)).toBe(true);
    expect(originAllowed(req({ host: 'floor:3000', origin: 'http://wall.local:8080' }), list)).toBe(true);
    expect(originAllowed(req({ host: 'floor:3000', origin: 'http://floor:3000' }), list)).toBe(true);
    expect(originAllowed(req({ host: 'floor:3000', origin: 'https://evil.example' }), list)).toBe(false);
  });
});
