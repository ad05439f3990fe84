import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64UrlBytes, pushSubscriptionInput } from '../../shared/api/push';

// The schema lives in shared/ (the browser uses it too); it is tested here, beside the server code that relies on it.
const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const valid = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc:APA91b',
  expirationTime: null,
  keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
};

const messages = (input: unknown) => {
  const result = pushSubscriptionInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('pushSubscriptionInput', () => {
  it('accepts what PushSubscription.toJSON() gives, dropping expirationTime', () => {
    expect(pushSubscriptionInput.parse({ ...valid, label: '  Pixel 8  ' })).toEqual({ endpoint: valid.endpoint, keys: valid.keys, label: 'Pixel 8' });
  });

  it('accepts padded base64url keys', () => {
    expect(messages({ ...valid, keys: { p256dh: valid.keys.p256dh + '=', auth: valid.keys.auth + '==' } })).toEqual([]);
  });

  it.each([
    ['an http endpoint', { ...valid, endpoint: 'http://fcm.googleapis.com/x' }, 'endpoint: must be an https:// URL'],
    ['a relative endpoint', { ...valid, endpoint: '/push' }, 'endpoint: must be an https:// URL'],
    ['an endpoint over 2048', { ...valid, endpoint: `http://fcm.googleapis.com/${'a'.repeat(2030)}` }, 'endpoint: must be at most 2048 characters'],
    ['no keys', { endpoint: valid.endpoint }, 'keys: must hold p256dh and auth from PushSubscription.toJSON()'],
    ['a compressed point', { ...valid, keys: { ...valid.keys, p256dh: ecdh.getPublicKey('base64url', 'compressed') } }, 'keys.p256dh: must be a 65-byte uncompressed P-256 public key in base64url'],
    ['65 bytes not starting with 0x04', { ...valid, keys: { ...valid.keys, p256dh: Buffer.alloc(65, 7).toString('base64url') } }, 'keys.p256dh: must be a 65-byte uncompressed P-256 public key in base64url'],
    ['standard base64', { ...valid, keys: { ...valid.keys, p256dh: ecdh.getPublicKey('base64').replace(/[A-Za-z0-9]/, '+') } }, 'keys.p256dh: must be a 65-byte uncompressed P-256 public key in base64url'],
    ['an oversized p256dh', { ...valid, keys: { ...valid.keys, p256dh: 'B'.repeat(5000) } }, 'keys.p256dh: must be a 65-byte uncompressed P-256 public key in base64url'],
    ['a 15-byte auth', { ...valid, keys: { ...valid.keys, auth: randomBytes(15).toString('base64url') } }, 'keys.auth: must be a 16-byte auth secret in base64url'],
    ['a 32-byte auth', { ...valid, keys: { ...valid.keys, auth: randomBytes(32).toString('base64url') } }, 'keys.auth: must be a 16-byte auth secret in base64url'],
    ['a blank label', { ...valid, label: '  ' }, 'label: must not be empty'],
    ['a long label', { ...valid, label: 'x'.repeat(101) }, 'label: must be at most 100 characters'],
  ])('refuses %s', (_, input, message) => {
    expect(messages(input)).toEqual([message]);
  });
});

describe('base64UrlBytes', () => {
  it.each([0, 1, 2, 3, 16, 65])('decodes %d bytes like Buffer does', (length) => {
    const bytes = randomBytes(length);
    expect(Buffer.from(base64UrlBytes(bytes.toString('base64url'))!)).toEqual(bytes);
  });

  it.each(['a', 'ab+c', 'ab/c', 'ab c', 'abc==='])('refuses %j', (text) => {
    expect(base64UrlBytes(text)).toBeNull();
  });
});
