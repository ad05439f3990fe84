import type { TimelineEvent } from '../../../shared/api/incidents';
import { describeRoleEvent } from './role-wording';
import { describePagingEvent } from './paging-event-wording';
import { describeDrillEvent } from './drill-event-wording';
import { phaseLabels, type IncidentPhase } from '../../../shared/domain/phases';

export interface EventWording {
  /** One line, actor first: "Ada acknowledged". */
  headline: string;
  /** Longer text shown under the headline, e.g. a note. */
  body?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function describeEvent(event: TimelineEvent): EventWording {
  const who = event.actor.name;
  const { data } = event;
  switch (event.type) {
    case 'triggered': {
      const severity = text(data.severity);
      return { headline: `${who} triggered the incident${severity ? ` as ${severity}` : ''}` };
    }
    case 'acknowledged':
      return { headline: `${who} acknowledged` };
    case 'resolved':
      return { headline: `${who} resolved` };
    case 'retriggered':
      return { headline: `${who} re-triggered the incident` };
    case 'note':
      return { headline: `${who} added a note`, body: text(data.text) };
    case 'severity_changed':
      return { headline: `${who} changed severity ${text(data.from)} → ${text(data.to)}` };
    case 'title_changed':
      return { headline: `${who} renamed the incident`, body: `“${text(data.from)}” → “${text(data.to)}”` };
    case 'step_reached': {
      const users = Array.isArray(data.users) ? data.users.map(text).filter(Boolean) : [];
      const step = `Step ${String(data.step)} of ${String(data.of)}`;
      return { headline: users.length ? `${step}: paging ${users.join(', ')}` : `${step}: nobody is on call to page` };
    }
    case 'escalated':
      return { headline: `${who} escalated to the next step` };
    case 'escalation_exhausted':
      return { headline: 'Escalation exhausted: nobody acknowledged' };
    case 'paged': {
      // Pushes name no channel before contact methods existed, and read as they did.
      const by = data.channel && data.channel !== 'push' ? ` by ${text(data.channel)}` : '';
      return { headline: `${data.repage ? 'Re-paged' : 'Paged'} ${text(data.user)}${by}` };
    }
    case 'page_delivered':
      if (data.device === undefined) return { headline: `Page delivered to ${text(data.user)} by ${text(data.channel)}`, body: text(data.method) || undefined };
      return { headline: `Page delivered to ${text(data.user)}'s ${text(data.device)}` };
    case 'page_failed':
      if (data.device === undefined) {
        const failure = typeof data.status === 'number' ? String(data.status) : text(data.reason);
        return { headline: `${text(data.channel)} to ${text(data.user)} failed: ${failure}`, body: text(data.reason) };
      }
      return { headline: `Page to ${text(data.user)}'s ${text(data.device)} failed`, body: text(data.reason) };
    case 'device_removed':
      return { headline: `Removed ${text(data.user)}'s ${text(data.device)}: the push service no longer knows it` };
    case 'user_unreachable':
      return {
        headline: `Could not reach ${text(data.user)}${data.step ? ` at step ${String(data.step)}` : ''}`,
        body: text(data.reason),
      };
    case 'step_unreachable':
      return {
        headline: `Step ${String(data.step)} of ${String(data.of)}: nobody could be reached`,
        body: data.last ? 'Nobody at this step has a way to be paged: moving on at once.' : 'Nobody at this step has a way to be paged: paging the next step at once.',
      };
    case 'alert_added':
      return { headline: `${who} added alert “${text(data.summary)}”` };
    case 'alert_resolved':
      return { headline: `${who} resolved alert “${text(data.summary)}”` };
    case 'review_completed':
      return { headline: `${who} completed the post-incident review` };
    case 'review_reopened':
      return { headline: `${who} reopened the post-incident review` };
    case 'incident_linked': {
      const kind = data.kind === 'same-cause' ? 'as having the same cause' : 'as related';
      return { headline: `${who} linked #${String(data.number)} ${kind}`, body: text(data.title) || undefined };
    }
    case 'incident_unlinked':
      return { headline: `${who} unlinked #${String(data.number)}`, body: text(data.title) || undefined };
    case 'runbook_step':
      return { headline: `${who} ${data.done ? 'ticked' : 'unticked'} runbook step ${typeof data.index === 'number' ? data.index + 1 : '?'}`, body: text(data.label) };
    case 'role_changed':
    case 'checklist_ticked':
    case 'responders_added':
      return describeRoleEvent(event);
    case 'reassigned':
    case 'snoozed':
    case 'snooze_ended':
    case 'reopened':
      return describePagingEvent(event);
    case 'status_update':
      return { headline: `${who} posted a status update for ${data.audience === 'internal' ? 'the response team' : 'stakeholders'}`, body: text(data.text) };
    case 'update_reminder':
      return data.userId
        ? { headline: `Reminded ${text(data.name)} to post a status update (none for ${String(data.minutes)} min)` }
        : { headline: `No status update for ${String(data.minutes)} min, and nobody to remind`, body: 'Nobody is Communications Lead or Incident Commander.' };
    case 'phase_changed':
      return { headline: `${who} moved the incident from ${phaseName(data.from)} to ${phaseName(data.to)}` };
    case 'mitigated': {
      const moved = data.phase as { to?: unknown } | undefined;
      return { headline: `${who} marked the incident mitigated${moved?.to ? ` · now in ${phaseName(moved.to)}` : ''}` };
    }
    case 'drill_inject':
    case 'drill_control':
      return describeDrillEvent(event);
    case 'timestamp_corrected':
      return {
        headline: `${who} corrected ${correctedWhat[text(data.field)] ?? text(data.field)}`,
        body: `${data.from ? instant(data.from) : 'not set'} → ${instant(data.to)}`,
      };
    default:
      // A newer server may record kinds this build does not know yet; still show them readably.
      return { headline: `${who}: ${String(event.type).replaceAll('_', ' ')}` };
  }
}

const phaseName = (value: unknown): string => phaseLabels[value as IncidentPhase] ?? text(value);
const correctedWhat: Record<string, string> = {
  startedAt: 'when the impact started',
  detectedAt: 'when it was detected',
  mitigatedAt: 'when it was mitigated',
};
/** A corrected time, in full: a correction is about the exact minute, often on another day. */
const instant = (value: unknown): string =>
  new Date(text(value)).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
