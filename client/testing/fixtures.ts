import type { User } from '../../shared/api/accounts';
import type { Alert, ChangeEvent } from '../../shared/api/detection';
import type { IncidentDetail, TimelineEvent } from '../../shared/api/incidents';

export const ada: User = {
  id: 'u-ada',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  role: 'responder',
  active: true,
  timeZone: null,
  hasPassword: true,
  createdAt: '2026-03-01T00:00:00.000Z',
};

export function timelineEvent(type: TimelineEvent['type'], data: Record<string, unknown> = {}): TimelineEvent {
  return { id: crypto.randomUUID(), type, at: new Date().toISOString(), actor: { type: 'user', id: ada.id, name: ada.name }, data };
}

export function incidentDetail(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  const createdAt = new Date(Date.now() - 5 * 60_000).toISOString();
  return {
    id: 'inc-7',
    number: 7,
    title: 'Checkout returns 502',
    description: null,
    status: 'triggered',
    severity: 'SEV-2',
    serviceId: 'svc-1',
    serviceName: 'Checkout API',
    origin: 'user',
    createdAt,
    updatedAt: createdAt,
    startedAt: createdAt,
    detectedAt: createdAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    phase: 'triage',
    mitigatedAt: null,
    closedAt: null,
    reviewCompletedAt: null,
    drill: false,
    drillId: null,
    timeline: [timelineEvent('triggered', { severity: 'SEV-2' })],
    escalation: null,
    alerts: [],
    recentChanges: [],
    runbook: null,
    roles: { commander: null, communications: null, scribe: null, experts: [] },
    checklist: [],
    snoozedUntil: null,
    followers: [],
    following: false,
    updateCadenceMinutes: 60,
    lastStatusUpdateAt: null,
    nextUpdateDueAt: new Date(Date.parse(createdAt) + 60 * 60_000).toISOString(),
    ...overrides,
  };
}

export function alertFixture(overrides: Partial<Alert> = {}): Alert {
  return {
    id: crypto.randomUUID(),
    serviceId: 'svc-1',
    incidentId: 'inc-7',
    source: 'events_api',
    dedupKey: 'k1',
    status: 'triggered',
    summary: 'Checkout error rate 42 %',
    severity: 'critical',
    details: {},
    links: [],
    images: [],
    client: null,
    clientUrl: null,
    startedAt: null,
    firstSeenAt: '2026-03-02T03:00:00Z',
    lastSeenAt: '2026-03-02T03:05:00Z',
    count: 3,
    resolvedAt: null,
    inMaintenance: false,
    ...overrides,
  };
}

export function changeFixture(overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id: crypto.randomUUID(),
    serviceId: 'svc-1',
    summary: 'Deployed checkout 2026.03.02-1',
    source: 'github-actions',
    at: new Date(Date.now() - 20 * 60_000).toISOString(),
    details: {},
    links: [],
    ...overrides,
  };
}
