import { describe, expect, it } from 'vitest';
import { loginPath, returnPath } from './return-path';

describe('returnPath', () => {
  it('returns to the page that was asked for', () => {
    expect(returnPath('/alarms?alarm=a-1', 'manager')).toBe('/alarms?alarm=a-1');
    expect(returnPath('/sportsbook', 'sportsbook')).toBe('/sportsbook');
  });

  it('never leaves the site', () => {
    for (const next of ['https://evil.example/', '//evil.example/alarms', '/\\evil.example', 'javascript:alert(1)', 'alarms']) {
      expect(returnPath(next, 'operator')).toBe('/');
    }
  });

  it("falls back to the role's home for the login page, a screen the role may not open, or nothing", () => {
    expect(returnPath('/login?next=/alarms', 'operator')).toBe('/');
    expect(returnPath('/sportsbook', 'operator')).toBe('/');
    expect(returnPath('/alarms', 'sportsbook')).toBe('/sportsbook');
    expect(returnPath(null, 'sportsbook')).toBe('/sportsbook');
  });
});

describe('loginPath', () => {
  it('carries the page to come back to and why the session ended, never a token', () => {
    expect(loginPath({ pathname: '/alarms', search: '?alarm=a-1&token=x' }, { reason: 'expired' })).toBe('/login?reason=expired&next=%2Falarms%3Falarm%3Da-1');
    expect(loginPath({ pathname: '/', search: '' }, null)).toBe('/login');
    expect(loginPath({ pathname: '/', search: '?kiosk=1' }, { reason: 'refused' })).toBe('/login?reason=refused&next=%2F%3Fkiosk%3D1');
  });
});
