import { isIPv4, isIPv6 } from 'node:net';

/** One entry of an operator's allow-list (e.g. `MUSTER_PUSH_ALLOWED_HOSTS`). */
export interface AllowedHost {
  /** As `URL.hostname` writes it, so it compares with a parsed URL: lower case, IPv6 in brackets. */
  hostname: string;
  /** The one port allowed; null allows the scheme's default port (443 for https) only. */
  port: number | null;
}

const hostName = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/**
 * Reads one entry: a host name, an IPv4 or IPv6 address, each optionally with `:port`. An IPv6 address needs
 * brackets to carry a port (`[::1]:8443`), because `::1:8443` is itself an address. Null for anything else.
 */
function parseAllowedHost(entry: string): AllowedHost | null {
  const parts = splitPort(entry.trim().toLowerCase());
  if (!parts) return null;
  const [host, portText] = parts;
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && !(/^\d{1,5}$/.test(portText!) && port >= 1 && port <= 65535)) return null;
  try {
    // Going through URL gives the same canonical form a checked URL has ("0:0::1" is "[::1]").
    return { hostname: new URL(`https://${isIPv6(host) ? `[${host}]` : host}/`).hostname, port };
  } catch {
    return null; // a name URL reads as a malformed IPv4 address, such as 1.2.3.4.5
  }
}

function splitPort(text: string): [host: string, port: string | undefined] | null {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) return isIPv6(bracketed[1]) ? [bracketed[1], bracketed[2]] : null;
  if (isIPv6(text)) return [text, undefined];
  const [host, port, ...rest] = text.split(':');
  return rest.length === 0 && (isIPv4(host) || hostName.test(host)) ? [host, port] : null;
}

/** Writes an entry back the way an operator would: `::1`, `[::1]:8443`, `push.example:8443`. */
export function formatAllowedHost({ hostname, port }: AllowedHost): string {
  return port === null ? hostname.replace(/^\[(.*)\]$/, '$1') : `${hostname}:${port}`;
}

/** Reads one entry of the named setting. Throws naming the setting and the entry. */
export function readAllowedHost(entry: string, setting: string): AllowedHost {
  const parsed = parseAllowedHost(entry);
  if (!parsed) throw new Error(`${setting}: "${entry}" is not a host name or IP address with an optional :port (no scheme or path)`);
  return parsed;
}

/** Reads a comma-separated allow-list setting into canonical entries. */
export function parseAllowedHostList(value: string | undefined, setting: string): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => formatAllowedHost(readAllowedHost(entry, setting)));
}
