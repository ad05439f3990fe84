import { isIP, isIPv6 } from 'node:net';

/**
 * The server POSTs to whatever endpoint a subscription names, so an unchecked endpoint would let any user make
 * Muster send requests into the internal network. Only the browsers' push services are accepted by default.
 */

// "host" accepts the host and its subdomains; "*.host" accepts subdomains only.
const knownPushServices = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Samsung Internet
  'android.googleapis.com', // legacy Chrome endpoints
  '*.push.services.mozilla.com', // Firefox: updates.push.services.mozilla.com
  '*.push.apple.com', // Safari and iOS home-screen apps: web.push.apple.com
  '*.notify.windows.com', // Edge on Windows (WNS)
];

export type EndpointCheck = { ok: true } | { ok: false; reason: string };

export function checkPushEndpoint(endpoint: string, extraHosts: readonly string[]): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: 'the endpoint is not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'the endpoint must use https' };
  if (url.username || url.password) return { ok: false, reason: 'the endpoint must not contain credentials' };
  const host = bareHost(url.hostname);
  if (knownPushServices.some((pattern) => matchesService(host, pattern)) || extraHosts.includes(host)) return { ok: true };
  return {
    ok: false,
    reason: `${host} is not a known browser push service; an administrator can allow it with MUSTER_PUSH_ALLOWED_HOSTS`,
  };
}

/** Reads `MUSTER_PUSH_ALLOWED_HOSTS`: host names or IP addresses, comma separated. Throws on anything else. */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const host = bareHost(entry);
      // Going through URL gives the same canonical form that checkPushEndpoint compares against.
      const parsed = isIP(host) || /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(host) ? new URL(`https://${isIPv6(host) ? `[${host}]` : host}/`) : null;
      if (!parsed) {
        throw new Error(`MUSTER_PUSH_ALLOWED_HOSTS: "${entry}" is not a host name or IP address (give hosts only, no scheme, port or path)`);
      }
      return bareHost(parsed.hostname);
    });
}

// URL.hostname keeps the brackets around IPv6 addresses; compare without them so "::1" and "[::1]" agree.
const bareHost = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

function matchesService(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern || host.endsWith(`.${pattern}`);
}
