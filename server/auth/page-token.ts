import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token a page carries so its Acknowledge action works from the lock screen with no
 * session: `base64url(json).base64url(hmac-sha256)`.
 */
export interface PageTokenClaims {
  incidentId: string;
  userId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

export const pageTokenLifetimeSeconds = 24 * 3600;

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

export function signPageToken(key: Buffer, claims: Omit<PageTokenClaims, 'exp'>, now: Date): string {
  const full: PageTokenClaims = { ...claims, exp: Math.floor(now.getTime() / 1000) + pageTokenLifetimeSeconds };
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

export type PageTokenCheck = { ok: true; claims: PageTokenClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyPageToken(key: Buffer, token: string, now: Date): PageTokenCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let claims: PageTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.incidentId !== 'string' || typeof claims.userId !== 'string' || typeof claims.exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
