import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };
const t0 = 1_000_000;

describe('LoginThrottle', () => {
  it('allows up to the per-account limit, then asks to wait until the window ends', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) expect(throttle.attempt('a@x', '10.0.0.1', t0 + i)).toBe(0);
    expect(throttle.attempt('a@x', '10.0.0.2', t0 + 20_000)).toBe(40);
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

  it('a success clears the account and gives the attempt back to the address', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 2; i++) throttle.attempt('a@x', '10.0.0.1', t0);
    throttle.attempt('a@x', '10.0.0.1', t0);
    throttle.recordSuccess('a@x', '10.0.0.1');
    for (let i = 0; i < 3; i++) expect(throttle.attempt('a@x', '10.0.0.9', t0)).toBe(0);
    // The address has two failures and the success's attempt back: three more fit under five.
    for (let i = 0; i < 3; i++) expect(throttle.attempt(`other${i}@x`, '10.0.0.1', t0)).toBe(0);
    expect(throttle.attempt('late@x', '10.0.0.1', t0)).toBeGreaterThan(0);
  });
});
