import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenAuthority } from './auth';

const SECRET = 'test-secret-of-enough-length';

describe('TokenAuthority', () => {
  const auth = new TokenAuthority(SECRET);

  it('accepts a token it minted and returns the user', async () => {
    const token = await auth.mint({ user_id: 'u-1', name: 'Ada', role: 'manager', locations: ['loc-main'] });
    const check = await auth.verify(token);
    expect(check).toMatchObject({ ok: true, user: { user_id: 'u-1', name: 'Ada', role: 'manager', locations: ['loc-main'] } });
  });

  it('rejects a token signed with another secret', async () => {
    const other = await new TokenAuthority('another-secret-entirely').mint({ user_id: 'u', name: 'Eve', role: 'admin' });
    expect(await auth.verify(other)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects an expired token as expired', async () => {
    const expired = await new SignJWT({ name: 'Old', role: 'operator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-2')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(SECRET));
    expect(await auth.verify(expired)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a role outside the product roles and a missing token', async () => {
    const bad = await new SignJWT({ name: 'X', role: 'croupier' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-3')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect(await auth.verify(bad)).toEqual({ ok: false, reason: 'invalid' });
    expect(await auth.verify(undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('rejects a token without exp', async () => {
    const noExp = await new SignJWT({ name: 'X', role: 'operator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').sign(new TextEncoder().encode(SECRET));
    expect((await auth.verify(noExp)).ok).toBe(false);
  });
});
