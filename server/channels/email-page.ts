import { drillEmailNote, drillPrefix } from '../../shared/domain/drills';
import { severityLabels } from '../../shared/domain/severity';
import type { PageMessage } from './channel';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * The page by email. Mail scanners open every link in a message, so the acknowledge link only leads to a page
 * whose button acknowledges (`acknowledgeUrl` is that page); the email itself never carries a link that acts.
 */
export function pageEmail(message: PageMessage): EmailContent {
  const { drill, severity, service, number, title, incidentUrl, acknowledgeUrl } = message;
  const headline = `${severity} (${severityLabels[severity]}) · ${service}`;
  const drillNote = `${drillEmailNote} Respond as you would to a real page.`;
  const text = [
    ...(drill ? [drillNote, ''] : []),
    headline,
    `#${number} ${title}`,
    '',
    `Open the incident: ${incidentUrl}`,
    `Acknowledge: ${acknowledgeUrl}`,
    '',
    'Muster is paging you for this incident until someone acknowledges it.',
  ].join('\n');
  const html = [
    ...(drill ? [`<p><strong>${escapeHtml(drillNote)}</strong></p>`] : []),
    `<p>${escapeHtml(headline)}<br><strong>#${number} ${escapeHtml(title)}</strong></p>`,
    `<p><a href="${escapeHtml(incidentUrl)}">Open the incident</a> · <a href="${escapeHtml(acknowledgeUrl)}">Acknowledge</a></p>`,
    '<p>Muster is paging you for this incident until someone acknowledges it.</p>',
  ].join('\n');
  return { subject: `${drillPrefix(drill)}[${severity}] ${service}: ${title}`, text, html };
}

export const verificationCodeLifetimeMinutes = 30;

/** Confirms that an email contact method reaches its owner before any page is sent to it. */
export function verificationEmail(code: string): EmailContent {
  const lines = [
    `Your Muster verification code is ${code}.`,
    `Enter it in Muster within ${verificationCodeLifetimeMinutes} minutes to receive pages at this address.`,
    'If you did not add this address to Muster, ignore this email.',
  ];
  return {
    subject: `Your Muster verification code is ${code}`,
    text: lines.join('\n'),
    html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
  };
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
