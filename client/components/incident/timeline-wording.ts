import type { TimelineEvent } from '../../../shared/api/incidents';

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
    default:
      // A newer server may record kinds this build does not know yet; still show them readably.
      return { headline: `${who}: ${String(event.type).replaceAll('_', ' ')}` };
  }
}
