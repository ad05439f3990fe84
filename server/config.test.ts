import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('uses the defaults for an empty environment and treats blank values as unset', () => {
    const expected = { PORT: 3000, DATA_DIR: './data' };
    expect(readConfig({})).toEqual(expected);
    expect(readConfig({ PORT: '', PUBLIC_URL: '', HOST: '' })).toEqual(expected);
  });

  it('reads every variable', () => {
    const env = {
      PORT: '8443',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/muster',
      PUBLIC_URL: 'https://muster.example.com',
      MUSTER_ADMIN_EMAIL: 'admin@example.com',
      MUSTER_ADMIN_PASSWORD: 'long enough password',
      TLS_CERT_FILE: '/etc/muster/cert.pem',
      TLS_KEY_FILE: '/etc/muster/key.pem',
      SMTP_URL: 'smtp://muster:secret@mail.example.com:587',
      MUSTER_MAIL_FROM: 'Muster <muster@example.com>',
      MUSTER_OUTGOING_ALLOWED_HOSTS: 'ntfy.internal:8080',
    };
    expect(readConfig(env)).toEqual({ ...env, PORT: 8443 });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '0' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'muster.example.com' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'localhost:3000' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://muster.example.com' }],
    ['MUSTER_ADMIN_EMAIL', { MUSTER_ADMIN_EMAIL: 'admin', MUSTER_ADMIN_PASSWORD: 'long enough password' }],
    ['MUSTER_ADMIN_PASSWORD', { MUSTER_ADMIN_EMAIL: 'admin@example.com', MUSTER_ADMIN_PASSWORD: 'short' }],
    ['MUSTER_ADMIN_PASSWORD', { MUSTER_ADMIN_EMAIL: 'admin@example.com' }],
    ['TLS_KEY_FILE', { TLS_CERT_FILE: '/etc/muster/cert.pem' }],
    ['TLS_KEY_FILE', { TLS_KEY_FILE: '/etc/muster/key.pem' }],
    ['SMTP_URL', { SMTP_URL: 'https://mail.example.com', MUSTER_MAIL_FROM: 'muster@example.com' }],
    ['MUSTER_MAIL_FROM', { SMTP_URL: 'smtp://mail.example.com' }],
    ['MUSTER_MAIL_FROM', { MUSTER_MAIL_FROM: 'muster@example.com' }],
  ])('names %s when given %j', (variable, env) => {
    expect(() => readConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n {2}${variable}: `));
  });

  it('names every bad variable at once', () => {
    expect(() => readConfig({ PORT: 'x', PUBLIC_URL: 'nope' })).toThrow(/PORT: .*\n.*PUBLIC_URL: /s);
  });
});
