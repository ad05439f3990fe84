import { isIP, type LookupFunction } from 'node:net';
import { addressScreen, guardedLookup } from './address-guard';
import { readAllowedHost, type AllowedHost } from './allowed-hosts';

/**
 * Every URL Muster calls on a user's or an integration's behalf (push endpoints; webhooks and chat hooks later)
 * goes through `parseOutgoingUrl` and then `sendOutgoing`, so that one parser decides both what is checked and
 * where the request goes. URL parsers disagree on odd spellings (`https://10.0.0.1;.push.apple.com/`), so only
 * the canonical form is accepted: a URL that a parser would write differently is refused, not repaired.
 */
export interface OutgoingPolicy {
  protocols: readonly ('http:' | 'https:')[];
  /** Host names any user may name (on the default port), e.g. the browsers' push services. */
  isPublicHost(hostname: string): boolean;
  /** Completes "<host> is not …" when a host is neither public nor allowed. */
  publicHostsAre: string;
  /** The operator's allow-list, and the setting it comes from, which refusals name. */
  allowed: readonly AllowedHost[];
  setting: string;
  /** Resolves names for the connection, refusing internal addresses the allow-list does not name. */
  lookup: LookupFunction;
}

export function outgoingPolicy(options: Omit<OutgoingPolicy, 'allowed' | 'lookup'> & { allowedHosts: readonly string[] }): OutgoingPolicy {
  const { allowedHosts, ...rest } = options;
  const allowed = allowedHosts.map((entry) => readAllowedHost(entry, options.setting));
  const addresses = allowed.map(({ hostname }) => bare(hostname)).filter((host) => isIP(host));
  return { ...rest, allowed, lookup: guardedLookup(addressScreen(addresses)) };
}

/** A checked URL, split the way the request is made. Plain data: nothing can change it between check and send. */
export interface OutgoingTarget {
  readonly href: string;
  readonly origin: string;
  readonly protocol: 'http:' | 'https:';
  /** What to connect to: a host name, or an IP address without brackets. */
  readonly hostname: string;
  readonly port: number;
  /** Path and query, as the request line carries them. */
  readonly path: string;
  readonly lookup: LookupFunction;
}

export type OutgoingUrlCheck = { ok: true; target: OutgoingTarget } | { ok: false; reason: string };

const hostName = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

export function parseOutgoingUrl(input: string, policy: OutgoingPolicy): OutgoingUrlCheck {
  const refuse = (reason: string): OutgoingUrlCheck => ({ ok: false, reason });
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse('is not a URL');
  }
  const protocol = url.protocol as OutgoingTarget['protocol'];
  if (!policy.protocols.includes(protocol)) return refuse(`must use ${policy.protocols.map((p) => p.slice(0, -1)).join(' or ')}`);
  if (url.username || url.password) return refuse('must not contain a user name or password');
  if (url.href.includes('#')) return refuse('must not contain a fragment (#…)');
  const ipLiteral = isIP(bare(url.hostname)) !== 0;
  if (!ipLiteral && !hostName.test(url.hostname)) {
    return refuse(`has the host "${url.hostname}"; a host name may only hold a-z, 0-9 and "-" in labels separated by single dots`);
  }
  if (url.href !== input) return refuse(`must be written in canonical form: it reads as ${url.href}`);

  const port = url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80;
  const entries = policy.allowed.filter((entry) => entry.hostname === url.hostname);
  // An entry without a port allows the default one only, like the public hosts.
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const allowedHere = entries.some((entry) => (entry.port ?? defaultPort) === port);
  if (!allowedHere) {
    const adminCan = `an administrator can allow it with ${policy.setting}`;
    if (entries.length > 0) return refuse(`port ${port} is not allowed for ${url.hostname}; ${adminCan} (host:port)`);
    if (ipLiteral) return refuse(`names the IP address ${url.hostname} instead of a host name; ${adminCan}`);
    if (!policy.isPublicHost(url.hostname)) return refuse(`${url.hostname} is not ${policy.publicHostsAre}; ${adminCan}`);
    if (url.port) return refuse(`port ${port} is not allowed for ${url.hostname}; ${adminCan} (host:port)`);
  }
  const target: OutgoingTarget = {
    href: url.href,
    origin: url.origin,
    protocol,
    hostname: bare(url.hostname),
    port,
    path: url.pathname + url.search,
    lookup: policy.lookup,
  };
  return { ok: true, target: Object.freeze(target) };
}
