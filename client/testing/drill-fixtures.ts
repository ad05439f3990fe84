import type { Drill, DrillReport, DrillScenario } from '../../shared/api/drills';
import { findDrillTemplate } from '../../shared/domain/drills';

const outage = findDrillTemplate('database-outage')!;

export function drillScenario(overrides: Partial<DrillScenario> = {}): DrillScenario {
  return {
    id: 'scn-1',
    name: outage.name,
    serviceId: 'svc-1',
    serviceName: 'Checkout',
    severity: outage.severity,
    title: outage.title,
    description: outage.description,
    injects: outage.injects.map((inject) => ({ ...inject })),
    durationSeconds: 600,
    createdBy: { id: 'u-ada', name: 'Ada Lovelace' },
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

export function drillFixture(overrides: Partial<Drill> = {}): Drill {
  return {
    id: 'drill-1',
    scenarioId: 'scn-1',
    name: outage.name,
    serviceId: 'svc-1',
    serviceName: 'Checkout',
    severity: outage.severity,
    title: outage.title,
    description: outage.description,
    injects: outage.injects.map((inject) => ({ ...inject })),
    participants: [{ id: 'u-bob', name: 'Bob' }],
    status: 'running',
    startsAt: '2026-12-06T10:00:00.000Z',
    remindMinutesBefore: 0,
    remindAt: null,
    startedAt: '2026-12-06T10:00:00.000Z',
    endedAt: null,
    pausedAt: null,
    incidentId: 'inc-9',
    incidentNumber: 9,
    injectsDone: 1,
    nextInjectAt: '2026-12-06T10:02:00.000Z',
    createdBy: { id: 'u-ada', name: 'Ada Lovelace' },
    createdAt: '2026-12-06T10:00:00.000Z',
    score: null,
    ...overrides,
  };
}

export function drillReportFixture(overrides: Partial<DrillReport> = {}): DrillReport {
  return {
    drillId: 'drill-1',
    name: outage.name,
    scenarioId: 'scn-1',
    status: 'finished',
    startedAt: '2026-12-06T10:00:00.000Z',
    endedAt: '2026-12-06T10:12:00.000Z',
    incidentId: 'inc-9',
    incidentNumber: 9,
    score: 82,
    previousScores: [{ drillId: 'drill-0', startedAt: '2026-11-06T10:00:00.000Z', score: 70 }],
    timeToFirstPageDeliveredSeconds: 2,
    timeToAcknowledgeSeconds: 95,
    participants: [
      { userId: 'u-bob', name: 'Bob', firstPagedAt: '2026-12-06T10:00:00.000Z', firstDeliveredAt: '2026-12-06T10:00:02.000Z', acknowledgedAfterSeconds: 95 },
      { userId: 'u-cy', name: 'Cy', firstPagedAt: '2026-12-06T10:05:00.000Z', firstDeliveredAt: null, acknowledgedAfterSeconds: null },
    ],
    timeToCommanderSeconds: null,
    timeToFirstStatusUpdateSeconds: 300,
    runbookSteps: { done: 2, total: 4 },
    escalations: 1,
    failedPages: [{ userId: 'u-cy', name: 'Cy', channel: 'push', target: 'Pixel', error: '410 gone' }],
    measures: [
      { key: 'acknowledged', label: 'Time to acknowledge', value: 95, unit: 'seconds', lowerIsBetter: true, previous: 180, best: 60 },
      { key: 'commanderAssigned', label: 'Time to commander assigned', value: null, unit: 'seconds', lowerIsBetter: true, previous: 240, best: 240 },
      { key: 'runbookSteps', label: 'Runbook steps completed', value: 50, unit: 'percent', lowerIsBetter: false, previous: 50, best: 75 },
      { key: 'escalations', label: 'Escalations needed', value: 1, unit: 'count', lowerIsBetter: true, previous: null, best: null },
    ],
    ...overrides,
  };
}
