import { incidentStatuses, isOpen, type IncidentStatus } from './lifecycle';
import { severities, severityRank, type Severity } from './severity';

/**
 * The triage list's rules, shared by the server (sort=triage, filters) and the phone (its cached list,
 * offline, with waiting commands applied).
 */

/** Game-day drill incidents in the list: `include` them (the default), `exclude` them, or show `only` them. */
export const drillFilters = ['include', 'exclude', 'only'] as const;
export type DrillFilter = (typeof drillFilters)[number];

/** `?drills=` as written in an address or query; anything else is the default, `include`. */
export function parseDrillFilter(value: string | null | undefined): DrillFilter {
  return (drillFilters as readonly string[]).includes(value ?? '') ? (value as DrillFilter) : 'include';
}

/** Whether the drill filter lets this incident through. */
export function matchesDrillFilter(incident: { drill: boolean }, drills: DrillFilter): boolean {
  // `=== true`: a copy cached on the device before drills existed has no `drill`, and it is a real incident.
  return drills === 'include' || (incident.drill === true) === (drills === 'only');
}

/** What a commander narrows the list to. Empty lists mean "any" (statuses: any open one). */
export interface TriageFilter {
  statuses: IncidentStatus[];
  severities: Severity[];
  serviceId: string | null;
  /** Incidents that paged me, or where I hold a role. */
  mine: boolean;
  /** Free text, matched case-insensitively in the title (and, on the server, the alerts' summary and details). */
  q: string;
  /** Game-day drill incidents: with the real ones, left out, or alone. */
  drills: DrillFilter;
}

export const openStatuses: IncidentStatus[] = incidentStatuses.filter(isOpen);
export const noTriageFilter: TriageFilter = { statuses: [], severities: [], serviceId: null, mine: false, q: '', drills: 'include' };
export const searchMaxLength = 200;

/** The statuses a filter shows: all open ones unless chosen. */
export function statusesShown(filter: TriageFilter): IncidentStatus[] {
  return filter.statuses.length ? filter.statuses : openStatuses;
}

export function isFiltered(filter: TriageFilter): boolean {
  return (
    filter.statuses.length + filter.severities.length > 0 || filter.serviceId !== null || filter.mine || filter.q !== '' || filter.drills !== 'include'
  );
}

/** How the triage order ranks statuses: nobody has it yet, then being worked on, then done. */
export function statusRank(status: IncidentStatus): number {
  return incidentStatuses.indexOf(status);
}

interface Ordered {
  status: IncidentStatus;
  severity: Severity;
  number: number;
  drill: boolean;
}

/**
 * Open real incidents, then open drill incidents, then the resolved ones. A game-day drill must never sit
 * above a real incident, least of all a real SEV-1/SEV-2, however loud the drill is (a triggered SEV-1 drill
 * comes after an acknowledged real SEV-4): the drill's people reach it from the drill screen anyway.
 */
export function triageBand(incident: Ordered): number {
  if (!isOpen(incident.status)) return 2;
  return incident.drill ? 1 : 0;
}

/**
 * By band (triageBand), then triggered first, then acknowledged, each most severe first and then longest
 * waiting first (lowest number: numbers are handed out in the order incidents open), since the oldest unhandled
 * SEV-1 is the one a commander must look at before a newer one of the same weight. Resolved ones come last,
 * newest first, severity aside: they are history.
 */
export function triageOrder(a: Ordered, b: Ordered): number {
  const byBand = triageBand(a) - triageBand(b);
  if (byBand !== 0) return byBand;
  const byStatus = statusRank(a.status) - statusRank(b.status);
  if (byStatus !== 0) return byStatus;
  if (!isOpen(a.status)) return b.number - a.number;
  return severityRank(a.severity) - severityRank(b.severity) || a.number - b.number;
}

interface Matched extends Ordered {
  title: string;
  serviceId: string;
}

/**
 * The filter's rule on the device. `mine` and the alert part of `q` are known to the server only: an answer
 * the server gave for this very filter already applied them, so `serverAnswered` skips those two.
 */
export function matchesTriageFilter(incident: Matched, filter: TriageFilter, serverAnswered: boolean): boolean {
  if (!statusesShown(filter).includes(incident.status)) return false;
  if (filter.severities.length && !filter.severities.includes(incident.severity)) return false;
  if (filter.serviceId !== null && incident.serviceId !== filter.serviceId) return false;
  if (!matchesDrillFilter(incident, filter.drills)) return false;
  if (serverAnswered) return true;
  return filter.q === '' || incident.title.toLowerCase().includes(filter.q.toLowerCase());
}

type QueryValue = string | null | undefined | Array<string | null>;

const first = (value: QueryValue): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
const listOf = <T extends string>(value: QueryValue, allowed: readonly T[]): T[] => {
  const named = first(value).split(',');
  return allowed.filter((item) => named.includes(item));
};

/**
 * The filter kept in the app's address (`?status=triggered,acknowledged&severity=SEV-1&service=…&mine=1&q=…&drills=exclude`):
 * shareable, kept on reload. Unknown values are dropped; the old `?filter=mine|urgent` links still work.
 */
export function parseTriageQuery(query: Record<string, QueryValue>): TriageFilter {
  const legacy = first(query.filter);
  const chosenSeverities = listOf(query.severity, severities);
  return {
    statuses: listOf(query.status, incidentStatuses),
    severities: chosenSeverities.length || legacy !== 'urgent' ? chosenSeverities : ['SEV-1', 'SEV-2'],
    serviceId: first(query.service) || null,
    mine: first(query.mine) === '1' || legacy === 'mine',
    q: first(query.q).trim().slice(0, searchMaxLength),
    drills: parseDrillFilter(first(query.drills)),
  };
}

/** The address's query for a filter; the default leaves it bare. */
export function triageQuery(filter: TriageFilter): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.statuses.length) query.status = incidentStatuses.filter((s) => filter.statuses.includes(s)).join(',');
  if (filter.severities.length) query.severity = severities.filter((s) => filter.severities.includes(s)).join(',');
  if (filter.serviceId) query.service = filter.serviceId;
  if (filter.mine) query.mine = '1';
  if (filter.q) query.q = filter.q;
  if (filter.drills !== 'include') query.drills = filter.drills;
  return query;
}

/** One stable name per filter, for the device's cache of the server's answers. */
export function triageKey(filter: TriageFilter): string {
  return new URLSearchParams(triageQuery(filter)).toString() || 'all';
}
