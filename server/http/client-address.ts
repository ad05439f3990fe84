import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './env';

/**
 * The client's address. Behind a reverse proxy every connection comes from the proxy, so
 * with `MUSTER_TRUST_PROXY` the address the proxy appended to X-Forwarded-For is used (the
 * last entry: earlier ones are whatever the client claimed). In-process test requests have
 * no connection at all.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
