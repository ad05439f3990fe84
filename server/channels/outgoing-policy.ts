import { isIP } from 'node:net';
import { addressScreen, guardedLookup } from '../net/address-guard';
import { parseAllowedHostList } from '../net/allowed-hosts';
import { outgoingPolicy, parseOutgoingUrl, type OutgoingPolicy, type OutgoingUrlCheck } from '../net/outgoing-url';

/**
 * Contact methods and service webhooks name URLs that Muster POSTs to on a user's behalf: without a check, any
 * user could make the server send requests into its own network. Any public host may be named (ntfy.sh, a
 * self-hosted ntfy, hooks.slack.com, a team's own automation); private, loopback and link-local addresses only
 * when the operator lists the host in MUSTER_OUTGOING_ALLOWED_HOSTS (a self-hosted ntfy next to Muster, say).
 */
export const outgoingAllowedHostsSetting = 'MUSTER_OUTGOING_ALLOWED_HOSTS';

/**
 * The rules for channel URLs: http or https, any host name on the scheme's default port or an allowed
 * host:port, and the address checked again when the name is resolved for the connection.
 *
 * Since any name may be named here, internal addresses are reachable only through what the operator listed:
 * an allowed IP address is connected to directly, on its allowed port (parseOutgoingUrl checks it); an allowed
 * name resolves to whatever the operator's DNS says; every other name only to public addresses. Otherwise an
 * allowed 127.0.0.1:8080 would also let anyone's DNS name for 127.0.0.1 reach ports 80 and 443 there.
 */
export function channelUrlPolicy(allowedHosts: readonly string[]): OutgoingPolicy {
  const policy = outgoingPolicy({
    protocols: ['https:', 'http:'],
    isPublicHost: () => true,
    publicHostsAre: 'a public host',
    allowedHosts,
    setting: outgoingAllowedHostsSetting,
  });
  // Entries write IPv6 addresses in brackets, as URL.hostname does.
  const allowedNames = new Set(policy.allowed.map(({ hostname }) => hostname).filter((hostname) => !hostname.startsWith('[') && isIP(hostname) === 0));
  const publicOnly = guardedLookup(addressScreen([]));
  const anyAddress = guardedLookup(() => true);
  return { ...policy, lookup: (hostname, options, callback) => (allowedNames.has(hostname) ? anyAddress : publicOnly)(hostname, options, callback) };
}

/** Checks a URL when a contact method or webhook is saved; every send checks it again. */
export function checkChannelUrl(url: string, allowedHosts: readonly string[]): OutgoingUrlCheck {
  return parseOutgoingUrl(url, channelUrlPolicy(allowedHosts));
}

/**
 * Reads MUSTER_OUTGOING_ALLOWED_HOSTS: host names or IP addresses, comma separated, each optionally with
 * `:port` (`[…]:port` for IPv6); an entry without a port allows the scheme's default port. Throws on anything else.
 */
export function parseOutgoingAllowedHosts(value: string | undefined): string[] {
  return parseAllowedHostList(value, outgoingAllowedHostsSetting);
}
