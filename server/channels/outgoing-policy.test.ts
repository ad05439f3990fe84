import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { channelUrlPolicy, checkChannelUrl, parseOutgoingAllowedHosts } from './outgoing-policy';

describe('checkChannelUrl', () => {
  it.each(['https://ntfy.sh/muster-dana', 'http://ntfy.example.com/alerts', 'https://hooks.slack.com/services/T0/B0/x', 'https://chat.example.org/hooks/abc?x=1'])(
    'accepts %s: any public host, http or https, on the default port',
    (url) => expect(checkChannelUrl(url, [])).toMatchObject({ ok: true, target: { href: url } }),
  );

  it.each([
    ['http://10.0.0.1/hook', /names the IP address 10\.0\.0\.1 instead of a host name; an administrator can allow it with MUSTER_OUTGOING_ALLOWED_HOSTS/],
    ['http://169.254.169.254/latest/meta-data', /names the IP address 169\.254\.169\.254/],
    ['http://[::1]/hook', /names the IP address \[::1\]/],
    ['ftp://ntfy.example.com/x', /must use https or http/],
    ['https://user:pw@ntfy.example.com/x', /user name or password/],
    ['https://ntfy.example.com:8080/x', /port 8080 is not allowed for ntfy\.example\.com; .*MUSTER_OUTGOING_ALLOWED_HOSTS \(host:port\)/],
    ['https://NTFY.example.com/x', /canonical form/],
  ])('refuses %s', (url, reason) => {
    const check = checkChannelUrl(url, []);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('accepts an internal address or port the operator allowed, and only that port', () => {
    const allowed = parseOutgoingAllowedHosts('127.0.0.1:8080, ntfy.internal');
    expect(checkChannelUrl('http://127.0.0.1:8080/alerts', allowed)).toMatchObject({ ok: true, target: { hostname: '127.0.0.1', port: 8080 } });
    expect(checkChannelUrl('https://ntfy.internal/alerts', allowed).ok).toBe(true);
    expect(checkChannelUrl('http://127.0.0.1:8081/alerts', allowed)).toMatchObject({ ok: false, reason: expect.stringMatching(/port 8081 is not allowed/) });
  });
});

describe('parseOutgoingAllowedHosts', () => {
  it('reads entries in canonical form and names the setting on a bad one', () => {
    expect(parseOutgoingAllowedHosts(' NTFY.internal , [::1]:8443,10.0.0.5 ')).toEqual(['ntfy.internal', '[::1]:8443', '10.0.0.5']);
    expect(parseOutgoingAllowedHosts(undefined)).toEqual([]);
    expect(() => parseOutgoingAllowedHosts('https://ntfy.internal')).toThrow(/MUSTER_OUTGOING_ALLOWED_HOSTS: "https:\/\/ntfy\.internal"/);
  });
});

describe('channelUrlPolicy lookup', () => {
  const resolve = (allowed: string[], hostname: string) =>
    new Promise<LookupAddress[]>((done, fail) =>
      channelUrlPolicy(allowed).lookup(hostname, { all: true }, (err, addresses) => (err ? fail(err) : done(addresses as LookupAddress[]))),
    );

  it('lets a name the operator allowed resolve inward', async () => {
    expect(await resolve(['localhost:8080'], 'localhost')).toContainEqual({ address: '127.0.0.1', family: 4 });
  });

  it('keeps other names from reaching an allowed IP address, whose other ports were never allowed', async () => {
    await expect(resolve(['127.0.0.1:8080', '::1'], 'localhost')).rejects.toThrow(/localhost resolves only to addresses inside the network/);
  });
});
