import { incidentLinkKindLabels } from '../../../shared/domain/review';
import type { Tx } from '../../db/client';
import { escapeBlock, escapeCell, escapeInline } from './markdown-text';
import { incidentForReview, reviewOf } from './review-of';

/** "1 h 05 min", "42 min", "30 s": how long, for people. */
export function humanDuration(seconds: number | null): string {
  if (seconds === null) return 'not yet known';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return `${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const time = (iso: string | null) => (iso === null ? '—' : iso.replace('T', ' ').replace(/:\d\d\.\d+Z$|:\d\dZ$/, ' UTC'));
const section = (title: string, body: string) => `## ${title}\n\n${body.trim() || '_Not written._'}\n`;

/** The review as one Markdown document, for a wiki or a ticket. */
export async function exportReviewMarkdown(tx: Tx, incidentId: string): Promise<string> {
  const incident = await incidentForReview(tx, incidentId);
  const review = await reviewOf(tx, incidentId);
  const { content, impact } = review;
  const highlights = content.highlights.length ? content.highlights : review.generatedTimeline;
  const parts = [
    `# Post-incident review: #${incident.number} ${escapeInline(incident.title)}\n`,
    [
      `- **Severity:** ${incident.severity}`,
      `- **Service:** ${escapeInline(incident.serviceName)}`,
      `- **Status:** ${review.completedAt ? `review completed ${time(review.completedAt)}` : 'review in progress'}`,
    ].join('\n') + '\n',
    section(
      'Impact',
      [
        `- **Users affected:** ${content.usersAffected.trim() ? escapeInline(content.usersAffected) : 'not stated'}`,
        `- **Duration:** ${humanDuration(impact.durationSeconds)} (started ${time(impact.startedAt)}, resolved ${time(impact.resolvedAt)})`,
        `- **Time to mitigate:** ${humanDuration(impact.timeToMitigateSeconds)}`,
        `- **Detected:** ${time(impact.detectedAt)} · **Acknowledged:** ${time(impact.acknowledgedAt)}`,
      ].join('\n'),
    ),
    section('Summary', escapeBlock(content.summary)),
    section('Timeline', highlights.map((line) => `- ${time(line.at)} — ${escapeInline(line.text)}`).join('\n')),
    section('Contributing factors', content.contributingFactors.map((factor) => `- ${escapeInline(factor)}`).join('\n')),
    section('What went well', escapeBlock(content.wentWell)),
    section('What was hard', escapeBlock(content.wasHard)),
    section(
      'Action items',
      review.actionItems.length
        ? [
            '| Action | Owner | Due | Status |',
            '| --- | --- | --- | --- |',
            ...review.actionItems.map((item) => `| ${escapeCell(item.title)} | ${escapeCell(item.ownerName ?? '—')} | ${item.dueDate ?? '—'} | ${item.status} |`),
          ].join('\n')
        : '',
    ),
    section(
      'Linked incidents',
      review.linkedIncidents.map((link) => `- #${link.number} ${escapeInline(link.title)} (${incidentLinkKindLabels[link.kind].toLowerCase()}, ${link.status})`).join('\n'),
    ),
  ];
  return parts.join('\n');
}
