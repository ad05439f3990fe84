import { parseAllowedHostList } from '../net/allowed-hosts';
import { outgoingPolicy, parseOutgoingUrl, type OutgoingPolicy, type OutgoingUrlCheck } from '../net/outgoing-url';

/**
 * The server POSTs to whatever endpoint a subscription names, so an unchecked endpoint would let any user make
 * Muster send requests into the internal network. Only the browsers' push services are accepted by default;
 * the operator may add hosts with MUSTER_PUSH_ALLOWED_HOSTS.
 */

// "host" accepts the host and its subdomains; "*.host" accepts subdomains only.
const knownPushServices = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Samsung Internet
  'android.googleapis.com', // legacy Chrome endpoints
  '*.push.services.mozilla.com', // Firefox: updates.push.services.mozilla.com
  '*.push.apple.com', // Safari and iOS home-screen apps: web.push.apple.com
  '*.notify.windows.com', // Edge on Windows (WNS)
];

const setting = 'MUSTER_PUSH_ALLOWED_HOSTS';

/**
 * The rules for push endpoints: https only, a known push service on port 443 or an allowed host, checked again
 * on the resolved address when sending. `allowedHosts` are entries as `parseAllowedHosts` reads them.
 */
export function pushEndpointPolicy(allowedHosts: readonly string[]): OutgoingPolicy {
  return outgoingPolicy({
    protocols: ['https:'],
    isPublicHost: (host) => knownPushServices.some((pattern) => matchesService(host, pattern)),
    publicHostsAre: 'a known browser push service',
    allowedHosts,
    setting,
  });
}

/** Checks a subscription's endpoint when it is registered; the sender checks it again before each send. */
export function checkPushEndpoint(endpoint: string, allowedHosts: readonly string[]): OutgoingUrlCheck {
  return parseOutgoingUrl(endpoint, pushEndpointPolicy(allowedHosts));
}

/**
 * Reads `MUSTER_PUSH_ALLOWED_HOSTS`: host names or IP addresses, comma separated, each optionally with `:port`
 * (`[…]:port` for IPv6). An entry without a port allows only the default port, 443. Throws on anything else.
 */
export function parseAllowedHosts(value: string | undefined): string[] {
  return parseAllowedHostList(value, setting);
}

function matchesService(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern || host.endsWith(`.${pattern}`);
}
