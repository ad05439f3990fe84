import type { EscalationStatus, Incident, PagedPerson, PagingChannelState } from '../../../shared/api/incidents';
import { isPaging } from '../../../shared/domain/lifecycle';
import { formatClock } from '../../format/time';

/** "Ada, Bob"; a whole team reads "Ada, Bob, Cy and 4 more" so the line stays a line. */
function namesOf(paged: EscalationStatus['paged']): string {
  const names = paged.map((user) => user.name);
  return names.length > 4 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/**
 * "in 45 s", "in 5 min", "in 1 h 5 min": seconds in the last minute, else minutes to the nearest one, so a
 * 5-minute step reads "in 5 min" however late the clock last ticked or however far the phone's clock is off.
 */
function until(nextStepAt: string, now: Date): string {
  const ms = Date.parse(nextStepAt) - now.getTime();
  if (ms <= 0) return 'due now';
  if (ms < 60_000) return `in ${Math.ceil(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const rest = minutes % 60;
  return `in ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/**
 * Who is being woken for the incident and what happens next, in one line; null when nobody is
 * (no policy, paging stopped, or someone has acknowledged — here, even if not yet sent).
 */
export function pagingLine(incident: Pick<Incident, 'status'> & { escalation: EscalationStatus | null }, now: Date): string | null {
  const escalation = incident.escalation;
  if (!escalation || escalation.state === 'stopped' || !isPaging(incident.status)) return null;
  if (escalation.state === 'exhausted') return 'Escalation exhausted — nobody acknowledged';
  const parts = [`Step ${escalation.step} of ${escalation.of}`];
  // `loop` counts from 0: the policy's first run needs no mention.
  if (escalation.loop > 0) parts.push(`round ${escalation.loop + 1}`);
  parts.push(escalation.paged.length > 0 ? `paging ${namesOf(escalation.paged)}` : 'nobody to page at this step');
  if (escalation.nextStepAt) parts.push(`next step ${until(escalation.nextStepAt, now)}`);
  return parts.join(' · ');
}

/** "push delivered 02:13", "email due in 2 min", "ntfy retrying: ntfy answered 503", "push: no device". */
export function channelWording({ channel, state, at, error }: PagingChannelState, now: Date, locale?: string): string {
  switch (state) {
    case 'due':
      return `${channel} due ${until(at!, now)}`;
    case 'sending':
      return `${channel} sending`;
    case 'retrying':
      return `${channel} retrying${error ? `: ${error}` : ''}`;
    case 'delivered':
      return `${channel} delivered ${formatClock(at!, now, locale)}`;
    case 'failed':
      return `${channel} failed${error ? `: ${error}` : ''}`;
    case 'unreachable':
      return `${channel}: ${error ?? 'cannot be reached'}`;
  }
}

/**
 * What is happening to one paged person, after their name: "push delivered 02:13 · email due in 2 min", or,
 * when nothing can reach them, "no device, no contact method: cannot be reached".
 */
export function personWording(person: PagedPerson, now: Date, locale?: string): string {
  if (!person.reachable) return `${person.why ?? 'no way to page them'}: cannot be reached`;
  return person.channels.map((channel) => channelWording(channel, now, locale)).join(' · ');
}
