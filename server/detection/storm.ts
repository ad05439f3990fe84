/** How far back the alert-storm guard counts new incidents, and how long a storm stays open to new alerts. */
export const stormWindowMs = 60_000;

export type StormDecision = 'open-incident' | 'start-storm' | 'join-storm';

/**
 * Where a new alert goes. Past the service's cap of new incidents per minute, alerts fold into one storm
 * incident instead of paging again for each; the storm takes alerts for as long as they keep coming (one a
 * minute at least), so a storm that outlasts the counting window does not start paging per alert again.
 */
export function stormDecision(input: {
  /** Incidents integrations opened on the service within the window. */
  recentIncidents: number;
  threshold: number;
  /** When the service's open storm incident last took an alert, if it has one. */
  stormLastAlertAt: Date | null;
  now: Date;
}): StormDecision {
  const { recentIncidents, threshold, stormLastAlertAt, now } = input;
  if (stormLastAlertAt && now.getTime() - stormLastAlertAt.getTime() < stormWindowMs) return 'join-storm';
  return recentIncidents >= threshold ? 'start-storm' : 'open-incident';
}
