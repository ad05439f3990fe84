import type { ContactMethodType } from '../../shared/api/contact-methods';
import type { ContactMethodConfig } from '../db/stores/contact-methods';
import type { ChannelOutcome, PageMessage } from './channel';
import { pageEmail } from './email-page';
import type { ChannelHttp } from './http-delivery';
import type { Mailer } from './mailer';
import { sendNtfy } from './ntfy';
import { sendSlack } from './slack';
import { sendWebhook } from './webhook';

/** What sending a page by a contact method needs: HTTP for ntfy, webhooks and chat, and SMTP for email. */
export interface PageChannels {
  http: ChannelHttp;
  /** Absent when the operator has not set SMTP up. */
  mailer?: Mailer;
}

/** A page without its links and token: what the outbox keeps until the message leaves. */
export type StoredPage = Omit<PageMessage, 'acknowledgeUrl' | 'ackToken' | 'sentAt'>;

/**
 * Where a channel's acknowledge link leads. Email and chat messages link to a page that asks before acting (mail
 * scanners and link previews follow links); ntfy's button and webhook receivers POST the token to the API.
 */
export function acknowledgeUrlFor(type: ContactMethodType, publicUrl: string, ackToken: string): string {
  return type === 'email' || type === 'slack' ? `${publicUrl}/ack/${ackToken}` : `${publicUrl}/api/v1/page-actions/acknowledge`;
}

/** The whole message for one method, signed as it leaves: a retry carries a fresh token. */
export function pageMessageFor(type: ContactMethodType, page: StoredPage, publicUrl: string, ackToken: string, now: Date): PageMessage {
  return { ...page, acknowledgeUrl: acknowledgeUrlFor(type, publicUrl, ackToken), ackToken, sentAt: now.toISOString() };
}

export const emailNotSetUp = 'email is not set up on this server: the operator sets SMTP_URL and MUSTER_MAIL_FROM';

/** Sends a page by one contact method; never throws, every failure is an outcome. */
export function sendPage(channels: PageChannels, config: ContactMethodConfig, message: PageMessage, now: Date): Promise<ChannelOutcome> {
  switch (config.type) {
    case 'email':
      if (!channels.mailer) return Promise.resolve({ kind: 'rejected', error: emailNotSetUp });
      return channels.mailer.send({ to: config.address, ...pageEmail(message) });
    case 'ntfy':
      return sendNtfy(channels.http, config, message);
    case 'webhook':
      return sendWebhook(channels.http, config, message, now);
    case 'slack':
      return sendSlack(channels.http, config, message);
  }
}
