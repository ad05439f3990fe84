import { drillEmailNote, drillPrefix } from '../../shared/domain/drills';
import type { Severity } from '../../shared/domain/severity';
import type { StatusUpdateAudience } from '../../shared/domain/incident-roles';
import type { ContactMethodConfig } from '../db/stores/contact-methods';
import type { ChannelOutcome } from './channel';
import { escapeHtml, type EmailContent } from './email-page';
import { headerText } from './encoded-words';
import type { ChannelRequest } from './http-delivery';
import type { PageChannels } from './send-page';
import { emailNotSetUp } from './send-page';
import { escapeSlack, slackDrillPrefix } from './slack';
import { webhookHeaders } from './webhook';

/** A status update as the outbox keeps it for a follower's contact method. `incidentUrl` is relative to the public URL. */
export interface StoredNotice {
  incidentId: string;
  number: number;
  title: string;
  severity: Severity;
  service: string;
  text: string;
  audience: StatusUpdateAudience;
  author: string;
  incidentUrl: string;
  /** About a game-day drill's incident: every channel says DRILL first. Absent in notices queued before drills. */
  drill?: boolean;
}

/** What a contact webhook receives for a status update. Receivers depend on it: add fields, never rename. */
export interface NoticeWebhookBody {
  type: 'status_update';
  incident: { id: string; number: number; title: string; severity: Severity; service: string; url: string; drill: boolean };
  text: string;
  audience: StatusUpdateAudience;
  author: string;
  sentAt: string;
}

export function noticeEmail(notice: StoredNotice, incidentUrl: string): EmailContent {
  const { number, title, service, severity, text, author } = notice;
  const drill = notice.drill === true;
  const about = `${severity} · ${service} · posted by ${author}`;
  return {
    subject: `${drillPrefix(drill)}[Muster] Update on #${number}: ${title}`,
    text: [
      ...(drill ? [drillEmailNote, ''] : []),
      `#${number} ${title}`,
      about,
      '',
      text,
      '',
      `Open the incident: ${incidentUrl}`,
      '',
      'You receive this because you follow this incident or its service in Muster.',
    ].join('\n'),
    html: [
      ...(drill ? [`<p><strong>${escapeHtml(drillEmailNote)}</strong></p>`] : []),
      `<p><strong>#${number} ${escapeHtml(title)}</strong><br>${escapeHtml(about)}</p>`,
      `<p style="white-space:pre-wrap">${escapeHtml(text)}</p>`,
      `<p><a href="${escapeHtml(incidentUrl)}">Open the incident</a></p>`,
      '<p>You receive this because you follow this incident or its service in Muster.</p>',
    ].join('\n'),
  };
}

/** ntfy at default priority: an update informs, it does not page. */
export function ntfyNoticeRequest(config: Extract<ContactMethodConfig, { type: 'ntfy' }>, notice: StoredNotice, incidentUrl: string): ChannelRequest {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    Title: `${drillPrefix(notice.drill === true)}Update on #${notice.number} · ${notice.service}`,
    'X-Priority': '3',
    Tags: 'loudspeaker',
    Click: incidentUrl,
    ...(config.accessToken && { Authorization: `Bearer ${config.accessToken}` }),
  };
  for (const name of Object.keys(headers)) headers[name] = headerText(headers[name]);
  return { url: `${config.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.topic)}`, headers, body: notice.text };
}

export function noticeWebhookBody(notice: StoredNotice, incidentUrl: string, now: Date): NoticeWebhookBody {
  const { incidentId, number, title, severity, service, text, audience, author } = notice;
  const incident = { id: incidentId, number, title, severity, service, url: incidentUrl, drill: notice.drill === true };
  return { type: 'status_update', incident, text, audience, author, sentAt: now.toISOString() };
}

export function slackNotice(notice: StoredNotice, incidentUrl: string): { text: string } {
  return { text: `${slackDrillPrefix(notice.drill === true)}:loudspeaker: Update on <${incidentUrl}|#${notice.number} ${escapeSlack(notice.title)}> · ${escapeSlack(notice.service)}\n${escapeSlack(notice.text)}` };
}

/** Sends a status update by one contact method; never throws, every failure is an outcome. */
export function sendNotice(channels: PageChannels, config: ContactMethodConfig, notice: StoredNotice, publicUrl: string, now: Date): Promise<ChannelOutcome> {
  const incidentUrl = `${publicUrl}${notice.incidentUrl}`;
  const json = (url: string, body: string, headers: Record<string, string>) => ({ url, headers, body });
  switch (config.type) {
    case 'email':
      if (!channels.mailer) return Promise.resolve({ kind: 'rejected', error: emailNotSetUp });
      return channels.mailer.send({ to: config.address, ...noticeEmail(notice, incidentUrl) });
    case 'ntfy':
      return channels.http.post('ntfy', ntfyNoticeRequest(config, notice, incidentUrl));
    case 'webhook': {
      const body = JSON.stringify(noticeWebhookBody(notice, incidentUrl, now));
      return channels.http.post('webhook', json(config.url, body, webhookHeaders(body, config.secret, now)));
    }
    case 'slack': {
      const body = JSON.stringify(slackNotice(notice, incidentUrl));
      return channels.http.post('chat webhook', json(config.webhookUrl, body, { 'Content-Type': 'application/json', 'User-Agent': 'Muster' }));
    }
  }
}
