import type { Drill, DrillReport } from '../../../shared/api/drills';
import { drillScore, runbookPercent, statusUpdateBarMinutes, type DrillFigures, type DrillScoreInput } from '../../../shared/domain/drill-score';
import { isDrillOver } from '../../../shared/domain/drills';
import { spanSeconds } from '../../../shared/domain/metrics';
import { runbookSteps } from '../../../shared/domain/runbook-steps';
import type { Tx } from '../../db/client';
import {
  firstDeliveriesOf,
  reportEventsOf,
  runbookTicksOf,
  serviceRunbooksOf,
  type MeasuredDrill,
  type ReportEvent,
} from '../../db/stores/drill-report';

/** The figures a scorecard reports for one drill, as the API words them. */
export type ReportedFigures = Pick<
  DrillReport,
  | 'timeToFirstPageDeliveredSeconds'
  | 'timeToAcknowledgeSeconds'
  | 'participants'
  | 'timeToCommanderSeconds'
  | 'timeToFirstStatusUpdateSeconds'
  | 'runbookSteps'
  | 'escalations'
  | 'failedPages'
>;

/** What one drill's incident shows, before any comparison with earlier drills. */
export interface DrillMeasurements {
  reported: ReportedFigures;
  /** The same figures by measure, for comparing drills. */
  figures: DrillFigures;
  /** What the score was computed from (the Markdown shows its breakdown). */
  scoreInput: DrillScoreInput;
  /** Null until the drill is over, and for a drill whose incident is gone. */
  score: number | null;
}

interface Facts {
  events: ReportEvent[];
  /** Person → when a page of theirs first reached a device or contact method. */
  deliveries: Map<string, Date>;
  runbook: { done: number; total: number };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The runbook's steps done on the incident: a tick or untick on the incident wins over the `[x]` written in the runbook. */
function runbookProgress(markdown: string | undefined, ticks: Map<number, boolean> | undefined): { done: number; total: number } {
  const steps = markdown === undefined ? [] : runbookSteps(markdown);
  return { done: steps.filter((step) => ticks?.get(step.index) ?? step.checkedInSource).length, total: steps.length };
}

/**
 * "Ada's ada-2 (push) failed: 410": the devices and contact methods a team should fix. Every page that failed
 * counts; someone without a registered device counts once, however many steps and loops tried them: it is one
 * thing to fix, not one per step.
 */
function failedPagesOf(events: ReportEvent[]): DrillReport['failedPages'] {
  const failed: DrillReport['failedPages'] = [];
  const withoutDevice = new Set<string>();
  for (const { type, data } of events) {
    const userId = text(data.userId) ?? '';
    const name = text(data.user) ?? 'unknown user';
    if (type === 'page_failed') {
      const device = text(data.device);
      const channel = device !== null ? 'push' : (text(data.channel) ?? 'contact method');
      failed.push({ userId, name, channel, target: device ?? text(data.method) ?? channel, error: text(data.reason) });
    } else if (type === 'user_unreachable' && data.reason === 'no registered devices' && !withoutDevice.has(userId)) {
      withoutDevice.add(userId);
      failed.push({ userId, name, channel: 'push', target: 'no registered device', error: null });
    }
  }
  return failed;
}

/** Everyone the drill paged or tried to page, and whoever acknowledged, in the order they first appear. */
function participantsOf(events: ReportEvent[], deliveries: Map<string, Date>, startedAt: Date | null): DrillReport['participants'] {
  const people = new Map<string, { name: string; pagedAt: Date | null; ackAt: Date | null }>();
  const person = (userId: string, name: string) => {
    const known = people.get(userId) ?? { name, pagedAt: null, ackAt: null };
    people.set(userId, known);
    return known;
  };
  for (const event of events) {
    const userId = text(event.data.userId);
    if ((event.type === 'paged' || event.type === 'user_unreachable') && userId) {
      const known = person(userId, text(event.data.user) ?? 'unknown user');
      if (event.type === 'paged') known.pagedAt ??= event.at;
    } else if (event.type === 'acknowledged' && event.actorId) {
      person(event.actorId, event.actorName).ackAt ??= event.at;
    }
  }
  return [...people].map(([userId, { name, pagedAt, ackAt }]) => ({
    userId,
    name,
    firstPagedAt: pagedAt?.toISOString() ?? null,
    firstDeliveredAt: deliveries.get(userId)?.toISOString() ?? null,
    acknowledgedAfterSeconds: spanSeconds(startedAt, ackAt),
  }));
}

/** One drill's figures from its incident's facts; every time is counted from the drill's start. */
function measure(drill: MeasuredDrill, facts: Facts): DrillMeasurements {
  const { events, deliveries, runbook } = facts;
  const since = (at: Date | undefined) => spanSeconds(drill.startedAt, at ?? null);
  const first = (match: (event: ReportEvent) => boolean) => events.find(match)?.at;
  const firstDelivery = [...deliveries.values()].reduce<Date | undefined>((soonest, at) => (!soonest || at < soonest ? at : soonest), undefined);
  const failedPages = failedPagesOf(events);
  const escalations = Math.max(0, events.filter((event) => event.type === 'step_reached').length - 1);
  const reported: ReportedFigures = {
    timeToFirstPageDeliveredSeconds: since(firstDelivery),
    timeToAcknowledgeSeconds: since(first((event) => event.type === 'acknowledged')),
    participants: participantsOf(events, deliveries, drill.startedAt),
    timeToCommanderSeconds: since(first((event) => event.type === 'role_changed' && event.data.role === 'commander' && event.data.to != null)),
    timeToFirstStatusUpdateSeconds: since(first((event) => event.type === 'status_update')),
    runbookSteps: runbook,
    escalations,
    failedPages,
  };
  const scoreInput: DrillScoreInput = {
    acknowledgedSeconds: reported.timeToAcknowledgeSeconds,
    commanderSeconds: reported.timeToCommanderSeconds,
    firstStatusUpdateSeconds: reported.timeToFirstStatusUpdateSeconds,
    statusUpdateBarMinutes: statusUpdateBarMinutes(drill.severity),
    runbookSteps: runbook,
    failedPages: failedPages.length,
  };
  return {
    reported,
    figures: {
      firstPageDelivered: reported.timeToFirstPageDeliveredSeconds,
      acknowledged: reported.timeToAcknowledgeSeconds,
      commanderAssigned: reported.timeToCommanderSeconds,
      firstStatusUpdate: reported.timeToFirstStatusUpdateSeconds,
      runbookSteps: runbookPercent(runbook),
      escalations: drill.incidentId ? escalations : null,
      failedPages: drill.incidentId ? failedPages.length : null,
    },
    scoreInput,
    score: isDrillOver(drill.status) && drill.incidentId && drill.startedAt ? drillScore(scoreInput) : null,
  };
}

/**
 * Measures many drills in a fixed number of queries (four, five with `deliveries`), whatever their number.
 * `deliveries: false` skips the outbox, which only the time to first page delivered needs (not the score).
 */
export async function measureDrills(tx: Tx, drills: MeasuredDrill[], options: { deliveries: boolean }): Promise<Map<string, DrillMeasurements>> {
  const incidentIds = drills.flatMap((drill) => (drill.incidentId ? [drill.incidentId] : []));
  const [events, deliveries, runbooks, ticks] = await Promise.all([
    reportEventsOf(tx, incidentIds),
    options.deliveries ? firstDeliveriesOf(tx, incidentIds) : new Map<string, Map<string, Date>>(),
    serviceRunbooksOf(tx, [...new Set(drills.flatMap((drill) => (drill.incidentId ? [drill.serviceId] : [])))]),
    runbookTicksOf(tx, incidentIds),
  ]);
  return new Map(
    drills.map((drill) => {
      const incidentId = drill.incidentId ?? '';
      const facts: Facts = {
        events: events.get(incidentId) ?? [],
        deliveries: deliveries.get(incidentId) ?? new Map(),
        runbook: drill.incidentId ? runbookProgress(runbooks.get(drill.serviceId), ticks.get(incidentId)) : { done: 0, total: 0 },
      };
      return [drill.id, measure(drill, facts)];
    }),
  );
}

/** The API's drill as measuring needs it. */
export const measuredDrill = (drill: Drill): MeasuredDrill => ({
  id: drill.id,
  status: drill.status,
  serviceId: drill.serviceId,
  severity: drill.severity,
  startedAt: drill.startedAt === null ? null : new Date(drill.startedAt),
  incidentId: drill.incidentId,
});

/** Drills with their score filled in for those that are over: a handful of queries for the whole list. */
export async function scoredDrills(tx: Tx, drills: Drill[]): Promise<Drill[]> {
  const over = drills.filter((drill) => isDrillOver(drill.status) && drill.incidentId !== null);
  if (over.length === 0) return drills;
  const measured = await measureDrills(tx, over.map(measuredDrill), { deliveries: false });
  return drills.map((drill) => ({ ...drill, score: measured.get(drill.id)?.score ?? drill.score }));
}
