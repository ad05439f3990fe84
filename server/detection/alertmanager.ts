import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AlertLink, AlertSource } from '../../shared/api/detection';
import { badTextInJson } from '../../shared/api/text';
import { badRequest } from '../errors';
import { isWebUrl, type AlertEvent } from './alert-event';

/*
 * Prometheus Alertmanager's webhook (payload version 4). Each notification carries every alert of one group,
 * firing and resolved, and is sent again every group_interval / repeat_interval: applying it twice must change
 * nothing but the alerts' repeat counts. Fields Muster does not use are not checked, so a newer Alertmanager
 * (or Grafana, which extends this payload) is not refused for them.
 */

const labelSet = () => z.record(z.string(), z.string({ message: 'must be a string' }), { message: 'must be an object of strings' });

/** Optional text fields Alertmanager fills with "" or a zero time when it has nothing. */
export const optionalText = () => z.string({ message: 'must be a string' }).nullish();

export const alertmanagerAlert = z.object(
  {
    status: z.enum(['firing', 'resolved'], { message: 'must be "firing" or "resolved"' }),
    labels: labelSet().nullish(),
    annotations: labelSet().nullish(),
    startsAt: optionalText(),
    endsAt: optionalText(),
    generatorURL: optionalText(),
    fingerprint: z.string({ message: 'must be a string' }).max(255, 'must be at most 255 characters').nullish(),
  },
  { message: 'must be an object' },
);

export const alertmanagerPayload = z.object(
  {
    groupKey: optionalText(),
    externalURL: optionalText(),
    alerts: z.array(z.unknown(), { message: 'must be an array' }),
  },
  { message: 'the body must be a JSON object' },
);

export type AlertmanagerAlert = z.infer<typeof alertmanagerAlert>;
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;

/** Where a zod issue is, as a person writes it: `alerts[0].labels.job`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

/** Parses with `schema` or throws a 400 naming every field that is wrong. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown, at = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issuePath([...(at ? [at] : []), ...issue.path]);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw badRequest(`invalid body: ${[...new Set(problems)].join('; ')}`);
}

/** Refuses text a database or a log cannot keep as sent (NUL, escape sequences, lone surrogates), naming the field. */
export function refuseBadText(value: unknown, path: string): void {
  const problem = badTextInJson(value, path);
  if (!problem) return;
  const at = problem.lastIndexOf(' must ');
  throw badRequest(`invalid body: ${problem.slice(0, at)}:${problem.slice(at)}`);
}

/** A stable key for an alert sent without a fingerprint: the same labels always give the same key. */
export function labelsKey(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

/** `HighLatency instance=web-1 job=api`: the alert's name, then its other labels in a stable order. */
export function labelsTitle(labels: Record<string, string>): string {
  const rest = Object.keys(labels)
    .filter((name) => name !== 'alertname')
    .sort()
    .map((name) => `${name}=${labels[name]}`);
  return [labels.alertname, ...rest].filter((part) => part).join(' ') || 'Alert';
}

/** Alertmanager's "no time" is Go's zero time (year 1): that, or anything unreadable, is no time at all. */
export function alertTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) || at.getTime() <= 0 ? null : at;
}

export function webLink(href: string | null | undefined, text: string): AlertLink[] {
  return isWebUrl(href) ? [{ href, text }] : [];
}

/** The fields Alertmanager and Grafana share; each integration adds its own links and details. */
export function alertEventFromAlertmanager(
  alert: AlertmanagerAlert,
  payload: AlertmanagerPayload,
  source: AlertSource,
): AlertEvent {
  const labels = alert.labels ?? {};
  const annotations = alert.annotations ?? {};
  const summary = [annotations.summary, annotations.description].find((line) => line?.trim()) ?? labelsTitle(labels);
  return {
    action: alert.status === 'firing' ? 'trigger' : 'resolve',
    dedupKey: alert.fingerprint?.trim() || labelsKey(labels),
    summary,
    severity: labels.severity?.trim() || null,
    source,
    details: { labels, annotations },
    links: webLink(alert.generatorURL, 'Source'),
    images: [],
    client: null,
    clientUrl: isWebUrl(payload.externalURL) ? payload.externalURL : null,
    startedAt: alertTime(alert.startsAt),
    // Scoped by tool: Alertmanager's and Grafana's default groups are both `{}:{}`, and must not share an incident.
    groupKey: payload.groupKey ? `${source}:${payload.groupKey}` : null,
  };
}

/**
 * Every alert of a notification as events; throws a 400 naming the first field that is wrong. `alertSchema` and
 * `toEvent` are the integration's own reading of one alert. A notification is the group's state at one moment, so
 * its firing alerts are applied before its resolved ones: a group whose only open alert resolves while a new one
 * fires keeps its incident, instead of resolving it and opening (and paging for) another.
 */
export function notificationEvents<S extends typeof alertmanagerAlert>(
  body: unknown,
  alertSchema: S,
  toEvent: (alert: z.infer<S>, payload: AlertmanagerPayload) => AlertEvent,
): AlertEvent[] {
  const { alerts, ...group } = parseOrRefuse(alertmanagerPayload, body);
  refuseBadText(group, '');
  const events = alerts.map((item, i) => {
    const alert = parseOrRefuse(alertSchema, item, `alerts[${i}]`);
    refuseBadText(alert, `alerts[${i}]`);
    return toEvent(alert, { ...group, alerts });
  });
  return [...events.filter((event) => event.action !== 'resolve'), ...events.filter((event) => event.action === 'resolve')];
}

export const alertmanagerEvents = (body: unknown): AlertEvent[] =>
  notificationEvents(body, alertmanagerAlert, (alert, payload) => alertEventFromAlertmanager(alert, payload, 'alertmanager'));
