import type { TimelineEvent } from '../../../shared/api/incidents';
import { injectKinds, type InjectKind } from '../../../shared/domain/drills';
import { formatSeconds, injectKindLabels } from '../drill/drill-wording';
import type { EventWording } from './timeline-wording';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A drill's scripted inject, or the facilitator steering the drill, as a timeline line. */
export function describeDrillEvent(event: TimelineEvent): EventWording {
  const { data } = event;
  if (event.type === 'drill_inject') {
    const kind = (injectKinds as readonly string[]).includes(text(data.kind)) ? injectKindLabels[data.kind as InjectKind] : text(data.kind);
    const position = typeof data.index === 'number' && typeof data.of === 'number' ? ` · inject ${data.index + 1} of ${data.of}` : '';
    const escalation = data.kind !== 'escalate' ? '' : data.escalated ? ' · paged the next step' : ' · nothing to escalate: already acknowledged';
    return { headline: `Drill inject: ${text(data.text)}`, body: `${kind}${position}${escalation}` };
  }
  const who = event.actor.name;
  switch (data.control) {
    case 'pause':
      return { headline: `${who} paused the drill` };
    case 'resume':
      return { headline: `${who} resumed the drill${typeof data.pausedSeconds === 'number' ? ` after ${formatSeconds(data.pausedSeconds)} paused` : ''}` };
    case 'advance':
      return { headline: `${who} advanced the drill${typeof data.index === 'number' ? ` to inject ${data.index + 1}` : ''}` };
    case 'abort':
      return { headline: `${who} aborted the drill`, body: 'Paging and the injects left stopped.' };
    default:
      return { headline: `${who} steered the drill: ${text(data.control)}` };
  }
}
