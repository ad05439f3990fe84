import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../shared/api/incidents';
import { incidentSeverityFor, defaultSeverityMapping } from '../../shared/domain/alert-severity';
import { severityRank, type Severity } from '../../shared/domain/severity';
import type { Tx } from '../db/client';
import { alertCountOf, findOpenAlert, insertAlert, openAlertCount, recordRepeat, recordRepeatOfOpenAlert, updateAlert, type AlertRow, type RepeatFields } from '../db/stores/alerts';
import { integrationIncidentsSince, openIncidentForGroup, openStormIncident } from '../db/stores/detection-incidents';
import { appendEvent, findIncident, updateIncidentRow } from '../db/stores/incidents';
import { isInMaintenance } from '../db/stores/maintenance-windows';
import { prepared } from '../db/prepared';
import { forUpdate } from '../db/row-locks';
import type { ServiceRow } from '../db/schema/index';
import type { Runtime } from '../runtime';
import { applyStatusCommand } from '../services/incidents/change-status';
import { openIncident } from '../services/incidents/create-incident';
import { alertSourceNames } from '../../shared/domain/alert-source';
import { titleFrom, type AlertEvent } from './alert-event';
import { stormDecision, stormWindowMs } from './storm';

/** What one event did to which incident; `reason` is told to open apps, null when nothing they show changed. */
export interface IngestResult {
  dedupKey: string;
  incidentId: string | null;
  reason: 'triggered' | 'alert_added' | 'acknowledged' | 'resolved' | 'alert_resolved' | 'updated' | null;
}

/** The tool names itself (`client`), so the name also says through which integration it came: it cannot pass for a person. */
const integrationActor = (event: AlertEvent, service: ServiceRow): Actor => ({
  type: 'integration',
  id: service.id,
  name: event.client ? `${event.client} (${alertSourceNames[event.source]})` : alertSourceNames[event.source],
});

/**
 * A service, locked for the rest of the transaction: events for one service are applied one at a time across
 * instances, so two copies of a new alert cannot both open an incident and the storm count is exact. The count
 * of incidents opened in the storm window is read once per transaction, then kept up to date here.
 */
export interface ServiceScope {
  service: ServiceRow;
  recentIncidents: number | null;
}

export async function lockService(tx: Tx, serviceId: string): Promise<ServiceScope | undefined> {
  const query = prepared(tx, 'lock_service', (h) => {
    const { services } = h.t;
    return forUpdate(h, h.select().from(services).where(eq(services.id, sql.placeholder('serviceId'))).limit(1));
  });
  const [service] = await query.execute({ serviceId });
  return service && { service, recentIncidents: null };
}

/**
 * A trigger repeating an alert open on an incident: counted, paging nobody, in one statement that needs no
 * service lock (most events are such repeats). Undefined when it is not one: then `applyAlertEvent` decides.
 */
export async function countRepeat(tx: Tx, serviceId: string, event: AlertEvent, now: Date): Promise<IngestResult | undefined> {
  if (event.action !== 'trigger') return undefined;
  const repeated = await recordRepeatOfOpenAlert(tx, serviceId, event.dedupKey, repeatFields(event, now));
  return repeated && { dedupKey: event.dedupKey, incidentId: repeated.incidentId, reason: null };
}

const repeatFields = (event: AlertEvent, now: Date): RepeatFields => ({
  summary: event.summary,
  severity: event.severity,
  details: event.details,
  links: event.links,
  images: event.images,
  client: event.client,
  clientUrl: event.clientUrl,
  lastSeenAt: now,
});

/**
 * Tells open apps what changed. Only a new incident has work due for the engine (its first step's pages): under
 * a flood of repeats and resolves, the engine is not woken for each.
 */
export function announce(rt: Runtime, results: IngestResult[]): void {
  for (const { incidentId, reason } of results) if (incidentId && reason) rt.events.publish({ incidentId, reason });
  if (results.some((result) => result.reason === 'triggered')) rt.wakeEngine();
}

/** One event, inside the caller's transaction, with the service locked by it. */
export async function applyAlertEvent(tx: Tx, scope: ServiceScope, event: AlertEvent, now: Date): Promise<IngestResult> {
  const { service } = scope;
  // Resolving an incident resolves its alerts in the same commit: an open alert's incident is open too.
  const open = await findOpenAlert(tx, service.id, event.dedupKey);
  if (event.action === 'trigger') return trigger(tx, scope, event, open, now);
  if (!open) return { dedupKey: event.dedupKey, incidentId: null, reason: null };
  return event.action === 'acknowledge' ? acknowledge(tx, service, event, open, now) : resolve(tx, service, event, open, now);
}

async function trigger(tx: Tx, scope: ServiceScope, event: AlertEvent, open: AlertRow | undefined, now: Date): Promise<IngestResult> {
  const { service } = scope;
  const fields = repeatFields(event, now);
  if (open) {
    await recordRepeat(tx, open.id, fields);
    // A repeat pages nobody again; one recorded in a maintenance window that is over now opens its incident.
    if (open.incidentId || (await isInMaintenance(tx, service.id, now))) return { dedupKey: event.dedupKey, incidentId: open.incidentId, reason: null };
    const placed = await placeAlert(tx, scope, event, now);
    await updateAlert(tx, open.id, { incidentId: placed.id, inMaintenance: false });
    return afterPlacing(tx, service, event, placed, now);
  }
  const alertId = crypto.randomUUID();
  const inMaintenance = await isInMaintenance(tx, service.id, now);
  const placed = inMaintenance ? null : await placeAlert(tx, scope, event, now);
  await insertAlert(tx, {
    id: alertId,
    serviceId: service.id,
    incidentId: placed?.id ?? null,
    source: event.source,
    dedupKey: event.dedupKey,
    status: 'triggered',
    startedAt: event.startedAt && impactStart(event, now),
    firstSeenAt: now,
    count: 1,
    resolvedAt: null,
    inMaintenance,
    ...fields,
  });
  return placed ? afterPlacing(tx, service, event, placed, now) : { dedupKey: event.dedupKey, incidentId: null, reason: null };
}

async function afterPlacing(tx: Tx, service: ServiceRow, event: AlertEvent, placed: Placement, now: Date): Promise<IngestResult> {
  if (placed.storm) await renameStorm(tx, service, placed.id, now);
  return { dedupKey: event.dedupKey, incidentId: placed.id, reason: placed.reason };
}

interface Placement {
  id: string;
  /** `triggered` for an incident opened for this alert (it pages), `alert_added` when it joined one. */
  reason: 'triggered' | 'alert_added';
  /** The incident is the service's alert storm: its title keeps the count. */
  storm: boolean;
}

/** The tool's own start time, unless its clock runs ahead of Muster's. */
const impactStart = (event: AlertEvent, now: Date) => (event.startedAt && event.startedAt < now ? event.startedAt : now);

/** Finds or opens the incident a new alert belongs to: its group's open incident, the storm, or a new one. */
async function placeAlert(tx: Tx, scope: ServiceScope, event: AlertEvent, now: Date): Promise<Placement> {
  const { service } = scope;
  const actor = integrationActor(event, service);
  const severity = incidentSeverityFor(event.severity, { ...defaultSeverityMapping, ...service.severityMapping });
  if (event.groupKey) {
    const group = await openIncidentForGroup(tx, service.id, event.groupKey);
    if (group) {
      await appendEvent(tx, group.id, { type: 'alert_added', at: now, actor, data: { summary: titleFrom(event.summary), dedupKey: event.dedupKey } });
      await raiseSeverity(tx, group, severity, actor, now);
      return { id: group.id, reason: 'alert_added', storm: false };
    }
  }
  const storm = await openStormIncident(tx, service.id);
  scope.recentIncidents ??= await integrationIncidentsSince(tx, service.id, new Date(now.getTime() - stormWindowMs), service.stormThreshold);
  const decision = stormDecision({
    recentIncidents: scope.recentIncidents,
    threshold: service.stormThreshold,
    stormLastAlertAt: storm?.updatedAt ?? null,
    now,
  });
  if (decision === 'join-storm') {
    await raiseSeverity(tx, storm!, severity, actor, now);
    return { id: storm!.id, reason: 'alert_added', storm: true };
  }
  if (decision === 'start-storm') {
    const id = await openIncident(tx, { service, title: stormTitle(service, 1), severity, origin: 'storm' }, actor, now);
    return { id, reason: 'triggered', storm: true };
  }
  const id = await openIncident(
    tx,
    { service, title: titleFrom(event.summary), severity, origin: 'integration', startedAt: impactStart(event, now), alertGroupKey: event.groupKey },
    actor,
    now,
  );
  scope.recentIncidents++;
  return { id, reason: 'triggered', storm: false };
}

/** An incident is as severe as its worst alert: a critical alert joining a warning's incident makes it SEV-1. */
async function raiseSeverity(tx: Tx, incident: { id: string; severity: Severity }, severity: Severity, actor: Actor, now: Date): Promise<void> {
  if (severityRank(severity) >= severityRank(incident.severity)) return;
  await updateIncidentRow(tx, incident.id, { severity, updatedAt: now });
  await appendEvent(tx, incident.id, { type: 'severity_changed', at: now, actor, data: { from: incident.severity, to: severity } });
}

const stormTitle = (service: ServiceRow, alerts: number) => `Alert storm on ${service.name}: ${alerts} alert${alerts === 1 ? '' : 's'}`;

/** The storm's title keeps its count; touching it marks when it last took an alert. */
async function renameStorm(tx: Tx, service: ServiceRow, incidentId: string, now: Date): Promise<void> {
  await updateIncidentRow(tx, incidentId, { title: stormTitle(service, await alertCountOf(tx, incidentId)), updatedAt: now });
}

async function acknowledge(tx: Tx, service: ServiceRow, event: AlertEvent, open: AlertRow, now: Date): Promise<IngestResult> {
  await updateAlert(tx, open.id, { status: 'acknowledged', lastSeenAt: now });
  if (!open.incidentId) return { dedupKey: event.dedupKey, incidentId: null, reason: null };
  const incident = await findIncident(tx, open.incidentId, { lock: true });
  if (incident?.status !== 'triggered') return { dedupKey: event.dedupKey, incidentId: open.incidentId, reason: 'updated' };
  await applyStatusCommand(tx, incident, 'acknowledge', integrationActor(event, service), now);
  return { dedupKey: event.dedupKey, incidentId: incident.id, reason: 'acknowledged' };
}

/** An incident opened by a tool resolves when the last of its alerts does. */
async function resolve(tx: Tx, service: ServiceRow, event: AlertEvent, open: AlertRow, now: Date): Promise<IngestResult> {
  await updateAlert(tx, open.id, { status: 'resolved', resolvedAt: now, lastSeenAt: now });
  if (!open.incidentId) return { dedupKey: event.dedupKey, incidentId: null, reason: null };
  const incident = await findIncident(tx, open.incidentId, { lock: true });
  if (!incident || incident.status === 'resolved') return { dedupKey: event.dedupKey, incidentId: open.incidentId, reason: null };
  const actor = integrationActor(event, service);
  if ((await openAlertCount(tx, incident.id)) > 0) {
    await appendEvent(tx, incident.id, { type: 'alert_resolved', at: now, actor, data: { summary: titleFrom(open.summary), dedupKey: open.dedupKey } });
    return { dedupKey: event.dedupKey, incidentId: incident.id, reason: 'alert_resolved' };
  }
  await applyStatusCommand(tx, incident, 'resolve', actor, now);
  return { dedupKey: event.dedupKey, incidentId: incident.id, reason: 'resolved' };
}
