import { z } from 'zod';
import { singleLineText } from './text';
import type { AlertSource } from '../domain/alert-source';

export type { AlertSource };

/** Where monitoring tools reach this Muster: its PUBLIC_URL, or the origin the app reached it on. */
export interface ServiceSetup {
  publicUrl: string;
}

export const alertStatuses = ['triggered', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export interface AlertLink {
  href: string;
  text: string | null;
}

export interface AlertImage {
  src: string;
  href: string | null;
  alt: string | null;
}

/**
 * One alert (one dedup key or fingerprint) as a monitoring tool last sent it. Everything in it came from
 * outside: the app shows it as text, and links and images only when they are http(s).
 */
export interface Alert {
  id: string;
  serviceId: string;
  /** Null for an alert received during maintenance: recorded, but it opened no incident. */
  incidentId: string | null;
  source: AlertSource;
  dedupKey: string;
  status: AlertStatus;
  summary: string;
  /** As the tool sent it (`critical`, `warning`, a label value…), or null. */
  severity: string | null;
  /** The event's own fields: PagerDuty's source/component/group/class/custom_details, Alertmanager's labels and annotations. */
  details: Record<string, unknown>;
  links: AlertLink[];
  images: AlertImage[];
  /** The tool that sent it and its link back (PagerDuty's `client`, `client_url`). */
  client: string | null;
  clientUrl: string | null;
  /** When the problem began by the tool's own clock, where it said. */
  startedAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  /** How many times it fired (repeats included). */
  count: number;
  resolvedAt: string | null;
  /** Received during a maintenance window: no incident was opened for it. */
  inMaintenance: boolean;
}

/** A deploy or configuration change a tool reported (PagerDuty change events). */
export interface ChangeEvent {
  id: string;
  serviceId: string;
  summary: string;
  source: string | null;
  /** When the change happened, by the tool's clock (or when Muster received it). */
  at: string;
  details: Record<string, unknown>;
  links: AlertLink[];
}

export const heartbeatStatuses = ['pending', 'up', 'expired'] as const;
export type HeartbeatStatus = (typeof heartbeatStatuses)[number];

export interface Heartbeat {
  id: string;
  serviceId: string;
  name: string;
  intervalSeconds: number;
  /** Where the monitored job pings: `GET` or `POST`. */
  url: string;
  lastPingAt: string | null;
  /** `pending` until the first ping; `expired` from a missed interval until the next ping. */
  status: HeartbeatStatus;
  /** When it expires unless pinged first (null while pending or expired). */
  expiresAt: string | null;
  createdAt: string;
}

export const createHeartbeatRequest = z.object({
  name: singleLineText().trim().min(1, 'must not be empty').max(100),
  intervalSeconds: z
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(30, 'must be at least 30 seconds')
    .max(30 * 24 * 3600, 'must be at most 30 days'),
});

export interface MaintenanceWindow {
  id: string;
  serviceId: string;
  startsAt: string;
  endsAt: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a time zone, like 2026-12-02T10:00:00Z' });

export const createMaintenanceRequest = z.union(
  [
    z.object({ minutes: z.number().int('must be whole minutes').min(1, 'must be at least 1').max(30 * 24 * 60, 'must be at most 30 days') }).strict(),
    z.object({ start: isoTime.optional(), end: isoTime }).strict(),
  ],
  { message: 'give {minutes} or {start?, end}' },
);
