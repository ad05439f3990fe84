import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type { ChannelOutcome } from './channel';
import type { EmailContent } from './email-page';

export interface MailerOptions {
  /** SMTP_URL: smtp://user:pass@host:587 upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start. */
  smtpUrl: string;
  /** MUSTER_MAIL_FROM, e.g. "Muster <muster@example.com>". */
  from: string;
  /** Gives up on a mail server that stays silent this long, while connecting, greeting or sending. */
  timeoutMs?: number;
  /** TLS settings, e.g. the certificate authority of a mail server with a private certificate (tests use their own). */
  tls?: ConnectionOptions;
}

export interface OutgoingMail extends EmailContent {
  to: string;
}

export interface Mailer {
  /** Never throws: every failure is an outcome. */
  send(mail: OutgoingMail): Promise<ChannelOutcome>;
  close(): void;
}

export const defaultMailTimeoutMs = 15_000;

export function createMailer({ smtpUrl, from, timeoutMs = defaultMailTimeoutMs, tls }: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(tls && { tls }),
  });
  return {
    async send({ to, subject, text, html }) {
      try {
        // Auto-Submitted keeps out-of-office replies from answering every page (RFC 3834).
        await transport.sendMail({ from, to, subject, text, html, headers: { 'Auto-Submitted': 'auto-generated' } });
        return { kind: 'delivered' };
      } catch (err) {
        return outcomeForMailError(err as MailError);
      }
    },
    close: () => transport.close(),
  };
}

/** What nodemailer's errors carry: the SMTP reply when the server answered, else a code for what failed. */
export interface MailError {
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Failures on the way to the server, which may pass on a later try. */
const connectionCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'EPROTOCOL']);

/**
 * SMTP says itself whether to try again: 4xx is temporary (greylisting, a full queue), 5xx permanent (no such
 * mailbox, refused sender or credentials). With no reply, a connection problem may pass; anything else (an
 * unusable address, configuration) will not. The mail server is the operator's, so its reply is worth showing.
 */
export function outcomeForMailError({ message, code, responseCode, response }: MailError): ChannelOutcome {
  if (responseCode !== undefined && responseCode >= 400) {
    const error = `mail server answered ${(response ?? String(responseCode)).trim().slice(0, 200)}`;
    return { kind: responseCode < 500 ? 'retryable' : 'rejected', error };
  }
  if (code && connectionCodes.has(code)) return { kind: 'retryable', error: `could not reach the mail server (${code})` };
  return { kind: 'rejected', error: `cannot send: ${message}` };
}
