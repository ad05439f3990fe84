import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateVapidKeys, vapidFileName, vapidSubject } from './vapid';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'muster-vapid-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const subject = 'mailto:oncall@example.com';
const file = () => join(dir, vapidFileName);

describe('loadOrCreateVapidKeys', () => {
  it('creates a private key file on first start and reads the same keys afterwards', () => {
    const first = loadOrCreateVapidKeys(dir, subject);
    expect(first.subject).toBe(subject);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ publicKey: first.publicKey, privateKey: first.privateKey });

    const again = loadOrCreateVapidKeys(dir, 'https://muster.example.com');
    expect(again).toEqual({ ...first, subject: 'https://muster.example.com' });
  });

  it('leaves no temporary file behind', () => {
    loadOrCreateVapidKeys(dir, subject);
    expect(readdir()).toEqual([vapidFileName]);
  });

  it('uses keys an operator restored from a backup', () => {
    const restored = webpush.generateVAPIDKeys();
    writeFileSync(file(), JSON.stringify(restored));
    expect(loadOrCreateVapidKeys(dir, subject)).toEqual({ ...restored, subject });
  });

  it.each([
    ['not JSON', '{"publicKey": "BG', /not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['missing a key', JSON.stringify({ publicKey: webpush.generateVAPIDKeys().publicKey }), /missing/],
    ['a short private key', JSON.stringify({ ...webpush.generateVAPIDKeys(), privateKey: 'AAAA' }), /not a P-256 private key/],
    ['keys from two pairs', JSON.stringify({ publicKey: webpush.generateVAPIDKeys().publicKey, privateKey: webpush.generateVAPIDKeys().privateKey }), /does not belong/],
  ])('refuses a file that is %s and never replaces it', (_, contents, reason) => {
    writeFileSync(file(), contents);
    expect(() => loadOrCreateVapidKeys(dir, subject)).toThrow(reason);
    expect(() => loadOrCreateVapidKeys(dir, subject)).toThrow(/every registered device stop receiving pages/);
    expect(readFileSync(file(), 'utf8')).toBe(contents);
  });

  it('refuses a vapid.json it cannot read as a file', () => {
    mkdirSync(file());
    expect(() => loadOrCreateVapidKeys(dir, subject)).toThrow(/Cannot read the VAPID keys.*EISDIR.*user running Muster can read/);
  });

  it.each(['', 'oncall@example.com', 'http://muster.example.com', 'not a url'])('refuses the subject %j', (bad) => {
    expect(() => loadOrCreateVapidKeys(dir, bad)).toThrow(/mailto: address or an https:\/\/ URL/);
    expect(readdir()).toEqual([]);
  });
});

describe('vapidSubject', () => {
  it('prefers an https PUBLIC_URL, then the admin address', () => {
    expect(vapidSubject('https://muster.example.com', 'admin@example.com')).toBe('https://muster.example.com');
    expect(vapidSubject('http://localhost:3000', 'admin@example.com')).toBe('mailto:admin@example.com');
    expect(vapidSubject(undefined, 'admin@example.com')).toBe('mailto:admin@example.com');
  });

  it('explains what to set when there is no contact', () => {
    expect(() => vapidSubject('http://localhost:3000', undefined)).toThrow(/PUBLIC_URL.*MUSTER_ADMIN_EMAIL/);
  });
});

const readdir = () => readdirSync(dir);
