import { z } from 'zod';
import type { Severity } from '../domain/severity';
import { singleLineText } from './text';

const base64UrlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes base64url (padding optional) without Buffer or atob, so the service worker and browser can share it. */
export function base64UrlBytes(text: string): Uint8Array | null {
  const body = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    buffer = (buffer << 6) | base64UrlAlphabet.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return Uint8Array.from(bytes);
}

const isHttpsUrl = (value: string) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

// An uncompressed P-256 point is 0x04 followed by the 32-byte x and y coordinates.
const isUncompressedP256Point = (value: string) => {
  const bytes = base64UrlBytes(value);
  return bytes !== null && bytes.length === 65 && bytes[0] === 0x04;
};

/** What the browser's `PushSubscription.toJSON()` gives (extra fields such as `expirationTime` are dropped), plus a label. */
export const pushSubscriptionInput = z.object({
  endpoint: z
    .string({ message: 'must be the push subscription endpoint URL' })
    .max(2048, { message: 'must be at most 2048 characters', abort: true })
    .refine(isHttpsUrl, 'must be an https:// URL'),
  keys: z.object(
    {
      p256dh: z
        .string({ message: 'must be a base64url string' })
        .max(100, { message: 'must be a 65-byte uncompressed P-256 public key in base64url', abort: true })
        .refine(isUncompressedP256Point, 'must be a 65-byte uncompressed P-256 public key in base64url'),
      auth: z
        .string({ message: 'must be a base64url string' })
        .max(30, { message: 'must be a 16-byte auth secret in base64url', abort: true })
        .refine((value) => base64UrlBytes(value)?.length === 16, 'must be a 16-byte auth secret in base64url'),
    },
    { message: 'must hold p256dh and auth from PushSubscription.toJSON()' },
  ),
  label: singleLineText().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

/** The decrypted push message for a page. The service worker reads it, so keep changes backwards compatible. */
export interface PagePayload {
  type: 'page';
  incidentId: string;
  number: number;
  title: string;
  severity: Severity;
  service: string;
  drill: boolean;
  /** Short-lived signed token that lets the notification's Acknowledge action work with the app closed. */
  ackToken: string;
  url: string;
  /** Why a person was paged outside the escalation: "You were added as Scribe on #12". */
  reason?: string;
}

/** Sent by "send a test notification" so a responder can check a device before they are on call. */
export interface TestPagePayload {
  type: 'test';
  title: string;
  url: string;
  sentAt: string;
}

/**
 * A status update (or a reminder to post one) for someone following an incident: an ordinary notification,
 * not a page, so it has no Acknowledge action and acknowledging never withdraws it.
 */
export interface NoticePayload {
  type: 'notice';
  /** Null for a notice about no incident (a game-day drill's reminder). */
  incidentId: string | null;
  /** "Update on #12 · checkout" */
  title: string;
  body: string;
  url: string;
  /** One notification per update: a resend replaces it, the next update stands beside it. */
  tag: string;
}

export type PushPayload = PagePayload | TestPagePayload | NoticePayload;

/** A registered device as the API shows it; the endpoint URL and keys never leave the server. */
export interface PushDevice {
  id: string;
  label: string | null;
  endpointHost: string;
  createdAt: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
}

/** The key the browser passes as `applicationServerKey` to `PushManager.subscribe()`. */
export interface VapidPublicKey {
  publicKey: string;
}
