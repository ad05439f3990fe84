import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sha256 } from '../auth/secrets';
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentResponse } from '../db/stores/idempotency';
import type { AppEnv } from './env';
import { ApiError, badRequest } from '../errors';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `Idempotency-Key` on a mutating call: the first request runs and its response is kept;
 * a replay by the same user gets that response back without running again. The same key
 * on a different request is a client bug and gets 422.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  const user = c.var.user;
  if (key === undefined || !user || !mutating.has(c.req.method)) return next();
  if (key.length < 1 || key.length > 255) throw badRequest('Idempotency-Key must be 1 to 255 characters');

  const { db, clock } = c.var.deps;
  const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const claim = await claimIdempotencyKey(db, { userId: user.id, key, requestHash }, clock.now());
  if (claim.kind === 'mismatch') {
    throw new ApiError(422, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different request');
  }
  // Its own code, so a client replaying a queue knows to retry rather than give up.
  if (claim.kind === 'in_progress') {
    throw new ApiError(409, 'idempotency_key_in_progress', 'a request with this Idempotency-Key is still being processed; retry shortly');
  }
  if (claim.kind === 'replay') {
    c.header('Idempotent-Replayed', 'true');
    // A stored empty body is a 204, and a Response with that status refuses any body, even ''.
    if (claim.body === '') return c.body(null, claim.status as ContentfulStatusCode);
    return c.body(claim.body, claim.status as ContentfulStatusCode, { 'Content-Type': 'application/json' });
  }

  await next();
  // Failures that may pass (server errors, rate limits) free the key so the client can retry.
  if (c.res.status >= 500 || c.res.status === 429) {
    await releaseIdempotencyKey(db, user.id, key);
    return;
  }
  await storeIdempotentResponse(db, user.id, key, c.res.status, c.var.replayBody ?? (await c.res.clone().text()));
});

/**
 * Answers with a secret that is shown this once (a new API token, an integration key). The response kept for
 * replays must not hold it, since only its hash is stored anywhere: a replay gets the rest without it.
 */
export function withSecretShownOnce<T extends Record<string, unknown>>(c: Context<AppEnv>, body: T, secret: keyof T & string, status: 200 | 201) {
  const { [secret]: _shownOnce, ...kept } = body;
  c.set('replayBody', JSON.stringify(kept));
  return c.json(body, status);
}
