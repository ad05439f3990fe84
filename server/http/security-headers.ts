import { createMiddleware } from 'hono/factory';
import { servedOverHttps } from './auth';
import type { AppEnv } from './env';

/**
 * Everything the app loads comes from its own origin: Vite emits no inline script or style, Vue
 * templates are precompiled (no eval) and `:style` bindings set CSSOM properties, which CSP does
 * not restrict. `data:` images are the small icons Vite inlines into the CSS. Nobody may frame
 * the signed-in app (clickjacking an Acknowledge or Resolve button).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Only once the browser reached Muster over HTTPS (browsers ignore the header on plain HTTP). No includeSubDomains: a self-hoster may
 * share the parent domain with services that still speak HTTP.
 */
const strictTransportSecurity = 'max-age=31536000';

/**
 * Sets the security headers on every response, whoever made it (routes, errors, static files,
 * the SSE stream). The CSP goes on all of them, not only the HTML shell: the service worker takes
 * its policy from its own script's response, and an SVG or JSON opened directly is a document too.
 * `same-origin` referrers: incident URLs never leave for links in incidents or runbooks, while the
 * app's own requests keep a real `Origin` (under `no-referrer` browsers send `Origin: null` on
 * same-origin form posts, which the cross-origin write check would refuse).
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('Content-Security-Policy', contentSecurityPolicy);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  if (servedOverHttps(c)) headers.set('Strict-Transport-Security', strictTransportSecurity);
});
