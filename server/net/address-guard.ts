import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses that lead into the server's own network rather than to a service on the internet. A host name is
 * checked on what it resolves to when the connection is made, so DNS cannot point an accepted name inward.
 * BlockList also matches the IPv4-mapped IPv6 forms of the IPv4 ranges (::ffff:127.0.0.1, ::ffff:7f00:1).
 */
const internalRanges = new BlockList();
internalRanges.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", with the unspecified address 0.0.0.0
internalRanges.addSubnet('10.0.0.0', 8, 'ipv4'); // private
internalRanges.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT, often the provider's internal network
internalRanges.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
internalRanges.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, with cloud metadata services (169.254.169.254)
internalRanges.addSubnet('172.16.0.0', 12, 'ipv4'); // private
internalRanges.addSubnet('192.0.0.0', 24, 'ipv4'); // IETF protocol assignments
internalRanges.addSubnet('192.168.0.0', 16, 'ipv4'); // private
internalRanges.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking networks
internalRanges.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
internalRanges.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, with the broadcast address 255.255.255.255
internalRanges.addSubnet('::', 96, 'ipv6'); // unspecified (::), loopback (::1) and IPv4-compatible (::127.0.0.1)
internalRanges.addSubnet('64:ff9b:1::', 48, 'ipv6'); // NAT64 for local use
internalRanges.addSubnet('fc00::', 7, 'ipv6'); // unique local
internalRanges.addSubnet('fe80::', 10, 'ipv6'); // link-local
internalRanges.addSubnet('fec0::', 10, 'ipv6'); // site-local (deprecated, still routed by some networks)
internalRanges.addSubnet('ff00::', 8, 'ipv6'); // multicast

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

export function isInternalAddress(address: string): boolean {
  return internalRanges.check(address, familyOf(address));
}

/** Says whether a connection to `address` may be made: public addresses, and internal ones the operator listed. */
export function addressScreen(allowedAddresses: readonly string[]): (address: string) => boolean {
  const allowed = new BlockList();
  for (const address of allowedAddresses) allowed.addAddress(address, familyOf(address));
  return (address) => allowed.check(address, familyOf(address)) || !isInternalAddress(address);
}

/** The error a connection fails with when a name resolves only to addresses it may not reach. */
export class RefusedAddressError extends Error {
  readonly code = 'EADDRREFUSED';
  constructor(hostname: string, readonly addresses: string[]) {
    super(`${hostname} resolves only to addresses inside the network (${addresses.join(', ')})`);
  }
}

type Resolve = (hostname: string, options: LookupOptions & { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for `net`/`http(s)` connections that resolves the name and drops every address `permits` refuses,
 * failing when none is left. The socket connects only to what this returns, so check and connection agree.
 * `resolve` is `dns.lookup` except in tests of answers a real resolver would not give.
 */
export function guardedLookup(permits: (address: string) => boolean, resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const usable = addresses.filter(({ address }) => permits(address));
      if (usable.length === 0) return callback(new RefusedAddressError(hostname, addresses.map(({ address }) => address)), '', 0);
      if (options.all) return callback(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}
