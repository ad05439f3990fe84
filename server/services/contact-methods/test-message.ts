import type { PageMessage } from '../../channels/channel';
import { webhookHeaders } from '../../channels/webhook';
import type { ChannelRequest } from '../../channels/http-delivery';

/**
 * A test looks like a page, so its owner sees what a real one will look like (and can check that ntfy sounds
 * through Do Not Disturb). It names no incident: its links lead to the app's settings, and its token
 * acknowledges nothing.
 */
export function testPageMessage(appOrigin: string, now: Date): PageMessage {
  const settingsUrl = `${appOrigin}/settings`;
  return {
    incidentId: 'test',
    number: 0,
    title: 'Test message: this is how Muster pages you',
    severity: 'SEV-4',
    service: 'Muster',
    drill: false,
    incidentUrl: settingsUrl,
    acknowledgeUrl: settingsUrl,
    ackToken: '',
    sentAt: now.toISOString(),
  };
}

/** What a contact webhook receives for a test. Its own type, so that automation acting on pages ignores it. */
export interface TestWebhookBody {
  type: 'test';
  message: string;
  sentAt: string;
}

/** Signed like a page, so a test also proves that the receiver checks the signature with the right secret. */
export function testWebhookRequest({ url, secret }: { url: string; secret?: string }, now: Date): ChannelRequest {
  const payload: TestWebhookBody = { type: 'test', message: 'Test message from Muster: this webhook will receive pages', sentAt: now.toISOString() };
  const body = JSON.stringify(payload);
  return { url, headers: webhookHeaders(body, secret, now), body };
}
