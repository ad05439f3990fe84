import type { TimelineEvent } from '../../../shared/api/incidents';
import { snoozeLabel } from '../../../shared/domain/snooze';
import { formatClock } from '../../format/time';
import type { EventWording } from './timeline-wording';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Wording for reassign, snooze and reopen events: who now gets paged, and until when a snooze lasts. */
export function describePagingEvent(event: TimelineEvent): EventWording {
  const who = event.actor.name;
  const { data } = event;
  switch (event.type) {
    case 'reassigned': {
      const to = (data.to ?? {}) as { type?: string; name?: string };
      const whom = to.name ? (to.type === 'policy' ? `escalation policy ${to.name}` : to.name) : to.type === 'policy' ? 'another escalation policy' : 'someone else';
      return {
        headline: `${who} reassigned the incident to ${whom}`,
        body: data.from === 'acknowledged' ? 'Triggered again: paging starts over until the new assignee acknowledges.' : undefined,
      };
    }
    case 'snoozed': {
      const minutes = typeof data.minutes === 'number' ? data.minutes : null;
      const until = text(data.until);
      return { headline: `${who} snoozed${minutes ? ` for ${snoozeLabel(minutes)}` : ''}${until ? ` until ${formatClock(until, new Date())}` : ''}` };
    }
    case 'snooze_ended':
      return { headline: 'Snooze over: triggered again, paging from step 1' };
    case 'reopened':
      return { headline: `${who} reopened the incident`, body: 'Triggered again: paging starts over from step 1.' };
    default:
      return { headline: `${who}: ${String(event.type).replaceAll('_', ' ')}` };
  }
}
