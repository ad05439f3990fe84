import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorResponse } from '../errors';
import type { AppEnv } from './env';

/**
 * A request for a file rather than a page: anything under /assets/, or a last path segment with
 * an extension (/index.js, /icons/x.png, /favicon.ico). App routes (/incidents/:id) have neither.
 */
function looksLikeFile(path: string): boolean {
  return path.startsWith('/assets/') || /\.\w+$/.test(path);
}

/**
 * Serves the built PWA. Only files that exist under /assets/ (content-hashed names) are cached
 * for a year; the shell, the service worker and the rest revalidate. A page path is answered with
 * the app shell so deep links like /incidents/:id work, but a missing file is a 404 that no cache
 * keeps: answering an old hashed asset with the shell would pin HTML under a script's name.
 */
export function staticRoutes(root: string) {
  const files = serveStatic<AppEnv>({ root: relative(process.cwd(), root) || '.' });
  const shell = readFileSync(join(root, 'index.html'), 'utf8');
  return new Hono<AppEnv>().get('*', async (c) => {
    const file = await files(c, async () => undefined);
    if (file) {
      const hashed = c.req.path.startsWith('/assets/');
      file.headers.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return file;
    }
    if (looksLikeFile(c.req.path)) {
      c.header('Cache-Control', 'no-store');
      return errorResponse(c, 404, 'not_found', `no file at ${c.req.path}`);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(shell);
  });
}
