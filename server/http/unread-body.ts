import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

/**
 * Closes the connection after any response sent before the request body was fully received:
 * a 413, or a 401/404 refused without reading a large body. @hono/node-server tries to drain such
 * a body but gives up after 500 ms and destroys the socket, so on a kept-alive connection the
 * client's next request got no answer. `Connection: close` tells the client not to send one there;
 * Node then ends the socket right after the response.
 */
export const closeWhenBodyUnread = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const incoming = (c.env as { incoming?: Partial<IncomingMessage> } | undefined)?.incoming;
  if (incoming?.complete === false) c.res.headers.set('Connection', 'close');
});
