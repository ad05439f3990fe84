import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requireRole } from '../auth';
import type { AppEnv } from '../env';

const heartbeatMs = 25_000;

/** Server-Sent Events: one `incident` event per committed change, so open apps refetch it. */
export const streamRoutes = new Hono<AppEnv>().get('/stream', requireRole('viewer'), (c) =>
  streamSSE(c, async (stream) => {
    let nextId = 0;
    const unsubscribe = c.var.deps.events.subscribe((change) => {
      void stream.writeSSE({ event: 'incident', id: String(++nextId), data: JSON.stringify(change) });
    });
    stream.onAbort(unsubscribe);
    await stream.writeSSE({ event: 'ready', data: '{}' });
    // Proxies and phones drop idle connections; a comment line every 25 s keeps it open.
    while (!stream.aborted) {
      await stream.sleep(heartbeatMs);
      if (!stream.aborted) await stream.write(': keep-alive\n\n');
    }
    unsubscribe();
  }),
);
