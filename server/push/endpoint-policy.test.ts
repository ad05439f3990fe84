import { describe, expect, it } from 'vitest';
import { checkPushEndpoint, parseAllowedHosts } from './endpoint-policy';

const accepted = [
  'https://fcm.googleapis.com/fcm/send/abc:APA91b',
  'https://android.googleapis.com/gcm/send/abc',
  'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
  'https://web.push.apple.com/QGxk9',
  'https://api.push.apple.com/3/device/abc',
  'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
  'https://FCM.googleapis.com/fcm/send/abc', // host names are case-insensitive
  'https://fcm.googleapis.com:443/fcm/send/abc',
];

const refused: Array<[string, RegExp]> = [
  ['http://fcm.googleapis.com/fcm/send/abc', /https/],
  ['not a url', /not a URL/],
  ['https://user:pw@fcm.googleapis.com/fcm/send/abc', /credentials/],
  ['https://127.0.0.1:8443/push/1', /127\.0\.0\.1 is not a known/],
  ['https://localhost/push', /localhost is not a known/],
  ['https://169.254.169.254/latest/meta-data', /not a known/],
  ['https://googleapis.com/x', /not a known/],
  ['https://evilfcm.googleapis.com.attacker.example/x', /not a known/],
  ['https://fcm.googleapis.com.attacker.example/x', /not a known/],
  ['https://attackerfcm.googleapis.com/x', /not a known/],
  ['https://push.apple.com/x', /not a known/], // only subdomains of push.apple.com
  ['https://notify.windows.com/x', /not a known/],
  ['https://push.services.mozilla.com.evil/x', /not a known/],
  ['https://[::1]/push', /::1 is not a known/],
];

describe('checkPushEndpoint', () => {
  it.each(accepted)('accepts %s', (url) => {
    expect(checkPushEndpoint(url, [])).toEqual({ ok: true });
  });

  it.each(refused)('refuses %s', (url, reason) => {
    const result = checkPushEndpoint(url, []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('names the setting that allows another host', () => {
    expect(checkPushEndpoint('https://push.internal.example/x', [])).toMatchObject({ reason: /MUSTER_PUSH_ALLOWED_HOSTS/ });
  });

  it('accepts an extra host on any port, by exact host name only', () => {
    const extra = ['127.0.0.1', 'push.internal.example'];
    expect(checkPushEndpoint('https://127.0.0.1:8443/push/1', extra)).toEqual({ ok: true });
    expect(checkPushEndpoint('https://push.internal.example/x', extra)).toEqual({ ok: true });
    expect(checkPushEndpoint('https://a.push.internal.example/x', extra).ok).toBe(false);
    expect(checkPushEndpoint('https://127.0.0.2/push/1', extra).ok).toBe(false);
    expect(checkPushEndpoint('http://127.0.0.1:8443/push/1', extra).ok).toBe(false);
  });

  it('matches IPv6 extra hosts with or without brackets', () => {
    expect(checkPushEndpoint('https://[::1]:8443/push', parseAllowedHosts('::1'))).toEqual({ ok: true });
    expect(checkPushEndpoint('https://[::1]:8443/push', parseAllowedHosts('[::1]'))).toEqual({ ok: true });
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

  it('writes IPv6 addresses the way URLs do', () => {
    expect(parseAllowedHosts('0:0:0:0:0:0:0:1')).toEqual(['::1']);
  });

  it.each(['https://push.example', '127.0.0.1:8443', 'push.example/path', 'a b', '.example', 'example.'])('refuses %s', (entry) => {
    expect(() => parseAllowedHosts(entry)).toThrow(/MUSTER_PUSH_ALLOWED_HOSTS.*no scheme, port or path/);
  });
});
