import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPageToken, verifyPageToken } from './page-token';

const key = randomBytes(32);
const now = new Date('2026-03-02T03:00:00Z');
const claims = { incidentId: 'inc-1', userId: 'user-1' };

describe('page tokens', () => {
  it('verifies a token it signed, until it expires after 24 h', () => {
    const token = signPageToken(key, claims, now);
    expect(verifyPageToken(key, token, now)).toMatchObject({ ok: true, claims });
    expect(verifyPageToken(key, token, new Date(now.getTime() + 24 * 3600_000 - 1000)).ok).toBe(true);
    expect(verifyPageToken(key, token, new Date(now.getTime() + 24 * 3600_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another key or with edited claims', () => {
    const other = signPageToken(randomBytes(32), claims, now);
    expect(verifyPageToken(key, other, now)).toEqual({ ok: false, reason: 'forged' });
    const [, signature] = signPageToken(key, claims, now).split('.');
    const edited = Buffer.from(JSON.stringify({ ...claims, userId: 'admin', exp: 9e9 })).toString('base64url');
    expect(verifyPageToken(key, `${edited}.${signature}`, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses garbage', () => {
    for (const token of ['', 'abc', 'a.b.c', '.', 'x.']) expect(verifyPageToken(key, token, now).ok).toBe(false);
  });
});
