import { describe, expect, it } from 'vitest';
import { addressGroup, LoginThrottle } from './login-throttle';

const limits = { windowMs: 60_000, perAccountAddress: 3, perAddress: 5, maxEntries: 1_000 };
const t0 = 1_000_000;

describe('LoginThrottle', () => {
  it('slows one address on one account down until its window ends, and no one else', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) expect(throttle.attempt('a@x', '10.0.0.1', t0 + i)).toBe(0);
    expect(throttle.attempt('a@x', '10.0.0.1', t0 + 20_000)).toBe(40);
    // The account is not locked: the owner at another address goes ahead, as many times as it takes.
    for (let i = 0; i < 3; i++) expect(throttle.attempt('a@x', '10.0.0.2', t0 + 20_000)).toBe(0);
    expect(throttle.attempt('b@x', '10.0.0.1', t0 + 20_000)).toBe(0);
    expect(throttle.attempt('a@x', '10.0.0.1', t0 + 60_000)).toBe(0);
  });

  it('rounds the wait up to whole seconds', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.attempt('a@x', '10.0.0.1', t0);
    expect(throttle.attempt('a@x', '10.0.0.1', t0 + 59_999)).toBe(1);
  });

  it('limits one address across many accounts', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) expect(throttle.attempt(`user${i}@x`, '10.0.0.1', t0)).toBe(0);
    expect(throttle.attempt('fresh@x', '10.0.0.1', t0)).toBe(60);
    expect(throttle.attempt('fresh@x', '10.0.0.2', t0)).toBe(0);
  });

  it('a refused attempt does not extend or add to the count', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.attempt('a@x', '10.0.0.1', t0);
    for (let i = 0; i < 10; i++) throttle.attempt('a@x', '10.0.0.1', t0 + 1000);
    // The address saw 3 counted attempts, so 2 more from it are allowed.
    expect(throttle.attempt('b@x', '10.0.0.1', t0 + 2000)).toBe(0);
    expect(throttle.attempt('c@x', '10.0.0.1', t0 + 2000)).toBe(0);
    expect(throttle.attempt('d@x', '10.0.0.1', t0 + 2000)).toBeGreaterThan(0);
  });

  it('a success clears the account at that address and gives the attempt back to the address', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.attempt('a@x', '10.0.0.1', t0);
    throttle.recordSuccess('a@x', '10.0.0.1');
    // Two failures and the success's attempt given back: three more fit under five, on any account.
    for (let i = 0; i < 3; i++) expect(throttle.attempt('a@x', '10.0.0.1', t0)).toBe(0);
    expect(throttle.attempt('late@x', '10.0.0.1', t0)).toBeGreaterThan(0);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 address', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 1; i <= 5; i++) expect(throttle.attempt(`user${i}@x`, `2001:db8:1:2::${i}`, t0)).toBe(0);
    expect(throttle.attempt('fresh@x', '2001:db8:1:2:ffff:ffff:ffff:ffff', t0)).toBe(60);
    expect(throttle.attempt('fresh@x', '2001:db8:1:3::1', t0)).toBe(0);

    for (let i = 0; i < 3; i++) throttle.attempt('a@x', '::ffff:10.0.0.1', t0);
    expect(throttle.attempt('a@x', '10.0.0.1', t0)).toBe(60);
  });

  it('forgets expired windows and never holds more than maxEntries counters', () => {
    const throttle = new LoginThrottle({ ...limits, maxEntries: 100 });
    for (let i = 0; i < 40; i++) throttle.attempt(`user${i}@x`, `10.0.${i}.1`, t0);
    expect(throttle.size).toBe(80);
    throttle.attempt('late@x', '10.1.0.1', t0 + 60_000);
    expect(throttle.size).toBe(2);

    for (let i = 0; i < 1_000; i++) throttle.attempt(`user${i}@x`, `10.2.${i >> 8}.${i & 255}`, t0 + 60_001);
    expect(throttle.size).toBe(100);
  });

  it('when full, forgets the oldest windows first', () => {
    const throttle = new LoginThrottle({ ...limits, maxEntries: 4 });
    for (let i = 0; i < 3; i++) throttle.attempt('a@x', '10.0.0.1', t0);
    expect(throttle.attempt('a@x', '10.0.0.1', t0 + 1)).toBe(60);
    throttle.attempt('b@x', '10.0.0.2', t0 + 2);
    expect(throttle.attempt('a@x', '10.0.0.1', t0 + 3)).toBe(60);
    throttle.attempt('c@x', '10.0.0.3', t0 + 4);
    expect(throttle.attempt('a@x', '10.0.0.1', t0 + 5)).toBe(0);
  });
});

describe('addressGroup', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:c000:0207', '192.0.2.7'],
    ['2001:DB8:0001:0002:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.7', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s counts as %s', (address, group) => {
    expect(addressGroup(address)).toBe(group);
  });

  it('keeps a key from an odd proxy header short', () => {
    expect(addressGroup('x'.repeat(10_000))).toHaveLength(64);
  });
});
