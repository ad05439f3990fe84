import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../shared/api/common';
import { userForApiToken, userForSession } from '../db/stores/credentials';
import type { AppEnv, AuthUser } from './env';
import { forbidden, unauthorized } from '../errors';

export const sessionCookie = 'muster_session';

/** Identifies the caller from `Authorization: Bearer` or the session cookie; never refuses. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { db, clock } = c.var.deps;
  const authorization = c.req.header('Authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = getCookie(c, sessionCookie);
  let user: AuthUser | undefined;
  if (bearer) user = await userForApiToken(db, bearer, clock.now());
  else if (cookie) user = await userForSession(db, cookie, clock.now());
  c.set('user', user ?? null);
  c.set('signedInBy', user ? (bearer ? 'token' : 'session') : null);
  await next();
});

export function currentUser(c: Context<AppEnv>): AuthUser {
  const user = c.var.user;
  if (!user) throw unauthorized();
  return user;
}

const roleRank: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };
const roleWords: Record<Role, string> = {
  viewer: 'signed-in users',
  responder: 'responders and admins',
  admin: 'admins',
};

/** Refuses with 401 when nobody is signed in and 403 when the role is below `minimum`. */
export function requireRole(minimum: Role) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = currentUser(c);
    if (roleRank[user.role] < roleRank[minimum]) throw forbidden(`only ${roleWords[minimum]} may do this`);
    await next();
  });
}

/** Reached over HTTPS: directly, or through a proxy at an https PUBLIC_URL. */
export function servedOverHttps(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.var.deps.publicUrl?.startsWith('https:') === true;
}

export function setSessionCookie(c: Context<AppEnv>, secret: string, expires: Date): void {
  setCookie(c, sessionCookie, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: servedOverHttps(c),
    path: '/',
    expires,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookie, { path: '/', secure: servedOverHttps(c) });
}
