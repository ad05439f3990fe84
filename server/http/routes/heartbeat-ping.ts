import { Hono, type Context } from 'hono';
import { sha256 } from '../../auth/secrets';
import { tooManyRequests } from '../../errors';
import { recordPing } from '../../services/heartbeats/record-ping';
import type { AppEnv } from '../env';

/** A job's "still alive": `GET` for curl in a crontab, `POST` for tools that send one. The token is the credential. */
async function ping(c: Context<AppEnv>) {
  const token = c.req.param('token')!;
  const allowed = c.var.deps.eventLimiter.take(sha256(`heartbeat:${token}`));
  if (!allowed.ok) throw tooManyRequests(allowed.retryAfterSeconds, 'too many pings for this heartbeat; retry later');
  await recordPing(c.var.deps, token);
  return c.json({ status: 'ok' });
}

export const heartbeatPingRoutes = new Hono<AppEnv>().get('/heartbeat/:token', ping).post('/heartbeat/:token', ping);
