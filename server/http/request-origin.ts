import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors';
import type { AppEnv } from './env';
import { assertUtf8Body } from './validate';

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

/** The origin phones load the app from: PUBLIC_URL when set (behind a proxy the request's own URL is internal). */
export function appOrigin(c: Context<AppEnv>): string {
  return new URL(c.var.deps.publicUrl ?? c.req.url).origin;
}

/**
 * Browsers attach the session cookie to requests that other pages start, and SameSite=Lax does not cover
 * pages on the same site (another port, a sibling subdomain). So a write signed in by the cookie must come
 * from the app itself: its Origin is the app's, or the browser says Sec-Fetch-Site: same-origin. Browsers
 * always send Origin on such requests; one without it did not come from the app. Token callers choose
 * what they send and are not affected. A write without a session that a foreign page started (it has an
 * Origin) is refused the same way: such a page must not sign a phone into another account, for one.
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (readOnlyMethods.has(c.req.method)) return next();
  const origin = c.req.header('Origin');
  const sameOrigin = c.req.header('Sec-Fetch-Site') === 'same-origin' || origin === appOrigin(c);
  const fromBrowser = c.var.signedInBy === 'session' || (c.var.signedInBy === null && origin !== undefined);
  if (fromBrowser && !sameOrigin) {
    const from = origin === undefined ? 'without an Origin header' : `from ${origin}`;
    throw new ApiError(403, 'forbidden_origin', `a signed-in write must come from the Muster app at ${appOrigin(c)}; this one came ${from}`);
  }
  await next();
});

/**
 * Every write to the API is JSON in UTF-8, even a command without a body: a page on another origin cannot send that
 * content type without the browser asking the server first, and an HTML form cannot send it at all.
 */
export const jsonWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!bodyMethods.has(c.req.method)) return next();
  const type = c.req.header('Content-Type');
  if (!type || !/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `send Content-Type: application/json (got ${type ? `"${type}"` : 'none'})`);
  }
  // Before anything reads the body as text (Idempotency-Key hashing), which would replace bad bytes.
  await assertUtf8Body(c);
  await next();
});
