import { SignJWT, errors, jwtVerify } from 'jose';
import { type Role, type SessionUser, TokenClaimsSchema } from '../protocol';

export type TokenCheck =
  | { ok: true; user: SessionUser; expiresAt: number }
  | { ok: false; reason: 'missing' | 'expired' | 'invalid' };

/** Verifies and mints the HS256 JWTs of docs/protocol.md §2. */
export class TokenAuthority {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Checks a token's signature, expiry and claims; the reason says which failed. */
  async verify(token: string | undefined | null): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'missing' };
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp'] });
      const claims = TokenClaimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'invalid' };
      const { sub, name, role, locations, exp } = claims.data;
      return { ok: true, user: { user_id: sub, name, role, locations }, expiresAt: exp * 1000 };
    } catch (err) {
      return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }

  /** Signs a token for a user, valid for `ttlSeconds` (default 12 h, one operator shift). */
  async mint(user: { user_id: string; name: string; role: Role; locations?: string[] }, ttlSeconds = 12 * 3600): Promise<string> {
    const claims: Record<string, unknown> = { name: user.name, role: user.role };
    if (user.locations) claims.locations = user.locations;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.user_id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.key);
  }
}

/** Human-readable text for a failed token check, sent in the `unauthorized` error. */
export function describeTokenFailure(reason: 'missing' | 'expired' | 'invalid'): string {
  if (reason === 'missing') return 'Authentication required: send a token as ?token=, an Authorization header, or an auth frame within 5 s';
  if (reason === 'expired') return 'Token expired: sign in again';
  return 'Token rejected: bad signature or claims';
}
