import { describe, expect, it } from 'vitest';
import { checkPushEndpoint, parseAllowedHosts } from './endpoint-policy';

const accepted = [
  'https://fcm.googleapis.com/fcm/send/abc:APA91b',
  'https://android.googleapis.com/gcm/send/abc',
  'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
  'https://web.push.apple.com/QGxk9',
  'https://api.push.apple.com/3/device/abc',
  'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA%2b%3d',
];

const refused: Array<[string, RegExp]> = [
  ['http://fcm.googleapis.com/fcm/send/abc', /must use https/],
  ['not a url', /not a URL/],
  ['https://user:pw@fcm.googleapis.com/fcm/send/abc', /user name or password/],
  ['https://127.0.0.1:8443/push/1', /IP address 127\.0\.0\.1 .*MUSTER_PUSH_ALLOWED_HOSTS/],
  ['https://localhost/push', /localhost is not a known/],
  ['https://169.254.169.254/latest/meta-data', /IP address/],
  ['https://googleapis.com/x', /not a known/],
  ['https://evilfcm.googleapis.com.attacker.example/x', /not a known/],
  ['https://fcm.googleapis.com.attacker.example/x', /not a known/],
  ['https://attackerfcm.googleapis.com/x', /not a known/],
  ['https://push.apple.com/x', /not a known/], // only subdomains of push.apple.com
  ['https://notify.windows.com/x', /not a known/],
  ['https://push.services.mozilla.com.evil/x', /not a known/],
  ['https://[::1]/push', /IP address \[::1\]/],
];

// Spellings that WHATWG URL and the legacy url.parse (or a resolver) read as different hosts, or that hide
// an internal address behind a name that looks like a push service. Each must be refused, never repaired.
const smuggled: Array<[string, RegExp]> = [
  ['https://169.254.169.254;.fcm.googleapis.com/x', /host "169\.254\.169\.254;\.fcm\.googleapis\.com"/],
  ['https://127.0.0.1%2efcm.googleapis.com/x', /canonical form: it reads as https:\/\/127\.0\.0\.1\.fcm\.googleapis\.com\/x/],
  ['https://10.0.0.1`x.push.apple.com/x', /host "10\.0\.0\.1`x\.push\.apple\.com"/],
  ['https://localhost{.fcm.googleapis.com/x', /host "localhost\{\.fcm\.googleapis\.com"/],
  ['https://a_b.push.apple.com/x', /host "a_b/],
  ['https://FCM.googleapis.com/fcm/send/abc', /canonical form/],
  ['https://fcm.googleapis.com./fcm/send/abc', /host "fcm\.googleapis\.com\."/],
  ['https://fcm.googleapis.com:443/fcm/send/abc', /canonical form/],
  ['https://fcm.googleapis.com:444/fcm/send/abc', /port 444 is not allowed for fcm\.googleapis\.com/],
  ['https://user@fcm.googleapis.com/x', /user name or password/],
  ['https://fcm.googleapis.com@10.0.0.1/x', /user name or password/],
  ['https://fcm.googleapis.com/x#frag', /fragment/],
  ['https://fcm.googleapis.com/x#', /fragment/],
  ['https:\\\\fcm.googleapis.com\\x', /canonical form/],
  ['https://fcm.googleapis.com\\@127.0.0.1/x', /canonical form/],
  ['https://fcm.goo\tgleapis.com/x', /canonical form/],
  ['https://fcm.googleapis.com/x\n', /canonical form/],
  [' https://fcm.googleapis.com/x', /canonical form/],
  ['https://fcm.googleapis.com/x y', /canonical form/],
  ['https://fcm.googleapis.com', /canonical form/],
  ['https://[::ffff:127.0.0.1]/', /canonical form/],
  ['https://[::ffff:7f00:1]/', /IP address/],
  ['https://0x7f000001/', /canonical form: it reads as https:\/\/127\.0\.0\.1\//],
  ['https://2130706433/', /canonical form: it reads as https:\/\/127\.0\.0\.1\//],
  ['https://127.1/', /canonical form/],
  ['https://fcm%2egoogleapis.com/x', /canonical form/],
  ['https://fcm.googleapis.cöm/x', /canonical form/],
  ['https://fcm.googleapis.xn--cm-fka/x', /not a known/], // punycode is plain ASCII: just another name,
];

const reasonOf = (url: string, extra: string[] = []) => {
  const result = checkPushEndpoint(url, extra);
  return result.ok ? null : result.reason;
};

describe('checkPushEndpoint', () => {
  it.each(accepted)('accepts %s, to be sent to exactly that host, port 443 and path', (url) => {
    const result = checkPushEndpoint(url, []);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const parsed = new URL(url);
      expect(result.target).toMatchObject({ href: url, origin: parsed.origin, hostname: parsed.hostname, port: 443, path: parsed.pathname + parsed.search });
    }
  });

  it.each(refused)('refuses %s', (url, reason) => {
    expect(reasonOf(url)).toMatch(reason);
  });

  it.each(smuggled)('refuses the smuggled spelling %j', (url, reason) => {
    expect(reasonOf(url)).toMatch(reason);
    // Allowing the addresses does not make a non-canonical spelling acceptable.
    expect(reasonOf(url, ['127.0.0.1', '10.0.0.1', '169.254.169.254', 'localhost'])).not.toBeNull();
  });

  it('names the setting that allows another host', () => {
    expect(reasonOf('https://push.internal.example/x')).toMatch(/MUSTER_PUSH_ALLOWED_HOSTS/);
  });

  it('accepts an extra host by exact host name only; without a port on port 443 only', () => {
    const extra = ['127.0.0.1', 'push.internal.example'];
    expect(checkPushEndpoint('https://127.0.0.1/push/1', extra)).toMatchObject({ ok: true, target: { hostname: '127.0.0.1', port: 443, path: '/push/1' } });
    expect(reasonOf('https://127.0.0.1:8443/push/1', extra)).toMatch(/port 8443 is not allowed for 127\.0\.0\.1/);
    expect(checkPushEndpoint('https://push.internal.example/x', extra)).toMatchObject({ ok: true });
    expect(reasonOf('https://a.push.internal.example/x', extra)).toMatch(/not a known/);
    expect(reasonOf('https://127.0.0.2/push/1', extra)).toMatch(/IP address/);
    expect(reasonOf('http://127.0.0.1:8443/push/1', extra)).toMatch(/https/);
  });

  it('accepts only the named port when the entry names one', () => {
    const extra = parseAllowedHosts('push.internal.example:8443, 127.0.0.1:9443');
    expect(checkPushEndpoint('https://push.internal.example:8443/x', extra)).toMatchObject({ ok: true, target: { port: 8443 } });
    expect(checkPushEndpoint('https://127.0.0.1:9443/x', extra)).toMatchObject({ ok: true, target: { port: 9443 } });
    expect(reasonOf('https://push.internal.example/x', extra)).toMatch(/port 443 is not allowed for push\.internal\.example.*host:port/);
    expect(reasonOf('https://127.0.0.1:8443/x', extra)).toMatch(/port 8443 is not allowed/);
  });

  it('matches IPv6 extra hosts in any spelling of the entry, and connects without brackets', () => {
    for (const entry of ['::1', '[::1]', '0:0:0:0:0:0:0:1']) {
      expect(checkPushEndpoint('https://[::1]/push', parseAllowedHosts(entry))).toMatchObject({ ok: true, target: { hostname: '::1', port: 443 } });
    }
    expect(checkPushEndpoint('https://[::1]:8443/push', parseAllowedHosts('[::1]:8443'))).toMatchObject({ ok: true });
    expect(reasonOf('https://[::1]:8444/push', parseAllowedHosts('[::1]:8443'))).toMatch(/port 8444/);
    // An IPv6 endpoint must be written as URLs write it: compressed, lower case.
    expect(reasonOf('https://[0:0:0:0:0:0:0:1]:8443/push', parseAllowedHosts('[::1]:8443'))).toMatch(/canonical form: it reads as https:\/\/\[::1\]:8443\/push/);
  });

  it('gives a frozen target, so nothing can change it between check and send', () => {
    const result = checkPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', []);
    expect(result.ok && Object.isFrozen(result.target)).toBe(true);
  });
});

describe('parseAllowedHosts', () => {
  it('reads a comma list, ignoring blanks and case', () => {
    expect(parseAllowedHosts(' 127.0.0.1, Push.Internal.Example ,,')).toEqual(['127.0.0.1', 'push.internal.example']);
  });

  it('is empty when unset or blank', () => {
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(parseAllowedHosts(' ')).toEqual([]);
  });

  it('writes IPv6 addresses the way URLs do, in brackets only with a port', () => {
    expect(parseAllowedHosts('0:0:0:0:0:0:0:1, [::1], [0::1]:8443')).toEqual(['::1', '::1', '[::1]:8443']);
  });

  it('reads host:port entries', () => {
    expect(parseAllowedHosts('Push.Example:8443, 127.0.0.1:443')).toEqual(['push.example:8443', '127.0.0.1:443']);
  });

  it.each(['https://push.example', 'push.example/path', 'a b', '.example', 'example.', 'push.example:0', 'push.example:65536', 'push.example:', 'push.example:+1', 'a:1:2', '[push.example]:1', '[::1', 'fe80::1%eth0', '1.2.3.4.5'])(
    'refuses %s',
    (entry) => {
      expect(() => parseAllowedHosts(entry)).toThrow(/MUSTER_PUSH_ALLOWED_HOSTS: ".*" is not a host name or IP address with an optional :port \(no scheme or path\)/);
    },
  );
});
