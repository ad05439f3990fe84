import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppEnv } from './env';

/**
 * Serves the built PWA: hashed assets cached for a year, everything else revalidated, and
 * any other page path answered with the app shell so deep links like /incidents/:id work.
 */
export function staticRoutes(root: string) {
  const servedRoot = relative(process.cwd(), root) || '.';
  const shell = readFileSync(join(root, 'index.html'), 'utf8');
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      await next();
      // Only content-hashed assets may be cached blindly; the shell and the rest revalidate.
      const immutable = c.req.path.startsWith('/assets/') && c.res.ok;
      c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    })
    .use('*', serveStatic({ root: servedRoot }))
    .get('*', (c) => c.html(shell));
}
