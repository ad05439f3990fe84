import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressScreen, guardedLookup, isInternalAddress, RefusedAddressError } from './address-guard';

const internal = [
  '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1', // private
  '100.64.0.1', '100.127.255.255', // carrier-grade NAT
  '127.0.0.1', '127.255.255.254', // loopback
  '169.254.169.254', // link-local: cloud metadata
  '224.0.0.1', '239.255.255.250', // multicast
  '0.0.0.0', '0.1.2.3', '255.255.255.255', '240.0.0.1', '192.0.0.8', '198.18.0.1',
  '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fec0::1', 'ff02::1', '64:ff9b:1::a00:1',
  '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:0.0.0.0', '::127.0.0.1',
];
const external = ['8.8.8.8', '142.250.74.106', '17.253.144.10', '172.32.0.1', '100.128.0.1', '192.0.2.1', '2a00:1450:4001:82a::200a', '::ffff:8.8.8.8', '64:ff9b::808:808'];

describe('isInternalAddress', () => {
  it.each(internal)('%s leads inward', (address) => expect(isInternalAddress(address)).toBe(true));
  it.each(external)('%s is on the internet', (address) => expect(isInternalAddress(address)).toBe(false));
});

describe('addressScreen', () => {
  it('lets through public addresses and the internal ones the operator listed, in their mapped form too', () => {
    const permits = addressScreen(['127.0.0.1', '::1']);
    expect(['8.8.8.8', '127.0.0.1', '::ffff:127.0.0.1', '::1'].map(permits)).toEqual([true, true, true, true]);
    expect(['127.0.0.2', '10.0.0.1', '::ffff:127.0.0.2', 'fe80::1'].map(permits)).toEqual([false, false, false, false]);
  });
});

/** Runs a LookupFunction the way net.connect does, with or without `all`. */
function lookupWith(lookup: LookupFunction, hostname: string, all: boolean): Promise<string | LookupAddress[]> {
  return new Promise((resolve, reject) => lookup(hostname, { all }, (err, address) => (err ? reject(err) : resolve(address))));
}

/** A resolver that answers what a hostile DNS server could. */
const answering = (addresses: LookupAddress[]) => (_: string, __: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) =>
  callback(null, addresses);

describe('guardedLookup', () => {
  it('refuses a real name that resolves to loopback, unless that address is listed', async () => {
    await expect(lookupWith(guardedLookup(addressScreen([])), 'localhost', true)).rejects.toThrow(RefusedAddressError);
    await expect(lookupWith(guardedLookup(addressScreen([])), 'localhost', false)).rejects.toThrow(/localhost resolves only to addresses inside the network/);
    expect(await lookupWith(guardedLookup(addressScreen(['127.0.0.1'])), 'localhost', false)).toBe('127.0.0.1');
    expect(await lookupWith(guardedLookup(addressScreen(['127.0.0.1'])), 'localhost', true)).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('connects only to the public addresses of a mixed answer', async () => {
    const lookup = guardedLookup(addressScreen([]), answering([
      { address: '169.254.169.254', family: 4 },
      { address: '142.250.74.106', family: 4 },
      { address: '::ffff:127.0.0.1', family: 6 },
      { address: '2a00:1450:4001:82a::200a', family: 6 },
    ]));
    expect(await lookupWith(lookup, 'push.example', true)).toEqual([
      { address: '142.250.74.106', family: 4 },
      { address: '2a00:1450:4001:82a::200a', family: 6 },
    ]);
    expect(await lookupWith(lookup, 'push.example', false)).toBe('142.250.74.106');
  });

  it('fails with the resolver’s own error when the name does not resolve', async () => {
    await expect(lookupWith(guardedLookup(addressScreen([])), 'no-such-host.invalid', false)).rejects.toMatchObject({ code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) });
  });
});
