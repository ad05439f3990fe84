import { z } from 'zod';
import { id } from './common';
import type { Alert, ChangeEvent } from './detection';
import type { IncidentRunbook } from './runbooks';
import type { IncidentRolesView } from './incident-roles';
import { multiLineText, singleLineText } from './text';
import { incidentStatuses, type IncidentStatus } from '../domain/lifecycle';
import { incidentPhases, type IncidentPhase } from '../domain/phases';
import { severities, type Severity } from '../domain/severity';
import { statusUpdateAudiences } from '../domain/incident-roles';
import { maxStatusUpdateLength, maxUpdateCadenceMinutes, minUpdateCadenceMinutes } from '../domain/update-cadence';
import { drillFilters, searchMaxLength } from '../domain/triage';

const title = singleLineText().trim().min(1, 'must not be empty').max(1024);
const description = multiLineText().max(20_000);
const severity = z.enum(severities, { message: 'must be one of SEV-1, SEV-2, SEV-3, SEV-4' });
const updateCadenceMinutes = z
  .number({ message: `must be a whole number of minutes from ${minUpdateCadenceMinutes} to ${maxUpdateCadenceMinutes}, or null for the severity's default` })
  .int(`must be a whole number of minutes from ${minUpdateCadenceMinutes} to ${maxUpdateCadenceMinutes}`)
  .min(minUpdateCadenceMinutes, `must be at least ${minUpdateCadenceMinutes} minutes`)
  .max(maxUpdateCadenceMinutes, `must be at most ${maxUpdateCadenceMinutes} minutes (a day)`)
  .nullable();

export const createIncidentRequest = z.object({
  serviceId: id,
  title,
  severity,
  description: description.optional(),
});

/** A corrected incident time: an instant with its offset, so the phone's time zone cannot shift it. */
const correctedTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a time zone, like 2026-12-02T10:00:00Z' });

export const updateIncidentRequest = z
  .object({ severity, title, startedAt: correctedTime, detectedAt: correctedTime, mitigatedAt: correctedTime, updateCadenceMinutes })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of severity, title, startedAt, detectedAt, mitigatedAt, updateCadenceMinutes');

export const movePhaseRequest = z.object({
  phase: z.enum(incidentPhases, { message: `must be one of ${incidentPhases.join(', ')}` }),
});

export const addNoteRequest = z.object({ text: multiLineText().trim().min(1, 'must not be empty').max(20_000) });

const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((raw) => raw.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const listIncidentsQuery = z.object({
  status: commaList(incidentStatuses).optional(),
  severity: commaList(severities).optional(),
  serviceId: id.optional(),
  /** Only incidents that paged this user; `me` for the caller. */
  pagedUser: id.optional(),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `newest` (default, cursor = incident number) or `triage` (shared/domain/triage; cursor = offset). */
  sort: z.enum(['newest', 'triage'], { message: 'must be newest or triage' }).default('newest'),
  /** Case-insensitive text in the title or an alert's summary or details. */
  q: singleLineText().trim().max(searchMaxLength).optional(),
  /** "Mine": incidents that paged this user or where they hold a role; `me` for the caller. */
  involvedUser: id.optional(),
  /** Drill incidents: `include` them (default), `exclude` them, or show `only` them. */
  drills: z.enum(drillFilters, { message: 'must be include, exclude or only' }).default('include'),
});

export interface Actor {
  type: 'user' | 'system' | 'integration';
  id: string | null;
  name: string;
}

export const timelineEventTypes = [
  'triggered',
  'acknowledged',
  'resolved',
  'retriggered',
  'note',
  'severity_changed',
  'title_changed',
  // Paging, written by the engine:
  'step_reached',
  'escalated',
  'escalation_exhausted',
  'paged',
  'page_delivered',
  'page_failed',
  'device_removed',
  'user_unreachable',
  /** Nobody a step pages can be reached: the next step is paged at once instead of after the delay. */
  'step_unreachable',
  // Detection, written when monitoring tools send events:
  'alert_added',
  'alert_resolved',
  // Incident command: lifecycle phases, corrections and paging changes made by people.
  'phase_changed',
  'mitigated',
  'timestamp_corrected',
  'reopened',
  'snoozed',
  'snooze_ended',
  'reassigned',
  'responders_added',
  // Roles, checklists and communication.
  'role_changed',
  'checklist_ticked',
  'status_update',
  'update_reminder',
  'runbook_step',
  // Post-incident review and problem management.
  'review_completed',
  'review_reopened',
  'incident_linked',
  'incident_unlinked',
  // Game-day drills: a scripted inject arrived, or the facilitator steered the drill.
  'drill_inject',
  'drill_control',
] as const;
export type TimelineEventType = (typeof timelineEventTypes)[number];

export interface TimelineEvent {
  id: string;
  type: TimelineEventType;
  at: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export interface Incident {
  id: string;
  number: number;
  title: string;
  description: string | null;
  status: IncidentStatus;
  severity: Severity;
  serviceId: string;
  serviceName: string;
  /** Who opened it: a person, a monitoring tool, or the alert-storm guard folding many alerts into one. */
  origin: IncidentOrigin;
  createdAt: string;
  updatedAt: string;
  /** When the impact began: the first alert's own timestamp where it had one, else when it was detected. */
  startedAt: string;
  /** When Muster learned of it (received the first alert, or a person opened it). */
  detectedAt: string;
  acknowledgedAt: string | null;
  /** Who acknowledged it (a person, or a tool through its integration); null until someone does. */
  acknowledgedBy: { id: string | null; name: string } | null;
  resolvedAt: string | null;
  /** Where the response stands: triage → response → resolution → recovery → review → closed. */
  phase: IncidentPhase;
  /** When the impact stopped (marked by a person), before or at the fix. */
  mitigatedAt: string | null;
  closedAt: string | null;
  /** When its post-incident review was completed; closing a SEV-1/SEV-2 needs it. */
  reviewCompletedAt: string | null;
  /** A game-day drill's incident: marked DRILL everywhere, kept out of metrics. */
  drill: boolean;
  /** The drill it belongs to; null for a real incident. */
  drillId: string | null;
  /** In lists only, for triggered incidents: names of the people its current escalation step pages. */
  pagingNow?: string[];
}

export const incidentOrigins = ['user', 'integration', 'storm'] as const;
export type IncidentOrigin = (typeof incidentOrigins)[number];

/** Where paging stands: the step reached, whom it paged, and when the next step is due. */
export interface EscalationStatus {
  policyId: string;
  /** Null once the policy has been deleted; the incident keeps the steps it started with. */
  policyName: string | null;
  /** 1-based. */
  step: number;
  of: number;
  loop: number;
  state: 'active' | 'exhausted' | 'stopped';
  nextStepAt: string | null;
  /** Everyone the current step pages, with what is happening on each of their channels. */
  paged: PagedPerson[];
}

/** One person the current step pages: "Bob — push delivered 02:13 · email due in 2 min". */
export interface PagedPerson {
  id: string;
  name: string;
  /** False when none of their rules leads anywhere (see `why`): the step then moves on at once. */
  reachable: boolean;
  /** Why they cannot be reached, in a few words ("no device, no contact method"); null when they can. */
  why: string | null;
  /** One entry per notification rule of this step, in the order they fall due. */
  channels: PagingChannelState[];
}

export interface PagingChannelState {
  /** "push", or a contact method's label: "email", "ntfy", "webhook", "chat". */
  channel: string;
  /**
   * `due` until its rule's delay has passed; `sending` (first try, or `retrying` after a failed one); `delivered`
   * (by at least one device, for push); `failed` (given up: `error` says why); `unreachable`: a push rule with
   * no device to push to.
   */
  state: 'due' | 'sending' | 'retrying' | 'delivered' | 'failed' | 'unreachable';
  /** When it falls due (`due`) or was delivered (`delivered`); null otherwise. */
  at: string | null;
  error: string | null;
}

export interface IncidentDetail extends Incident {
  timeline: TimelineEvent[];
  /** Null when the service had no escalation policy when the incident triggered. */
  escalation: EscalationStatus | null;
  /** What monitoring tools sent for it, newest first. */
  alerts: Alert[];
  /** Deploys and configuration changes on its service in the 24 hours before it started, and since. */
  recentChanges: ChangeEvent[];
  /** The runbook it follows (its alerts' class's, else its service's), with the steps ticked on it; null when none. */
  runbook: IncidentRunbook | null;
  /** Who holds each incident role. */
  roles: IncidentRolesView;
  /** Keys of the role checklist items ticked on this incident (see roleChecklists in shared/domain). */
  checklist: string[];
  /** An acknowledged incident snoozed until then, when paging starts again from step 1; null otherwise. */
  snoozedUntil: string | null;
  // Status updates and following:
  /** Who receives its status updates: following it, or (`viaService`) its whole service. */
  followers: Follower[];
  /** Whether the caller follows it (directly or through its service). */
  following: boolean;
  /** The effective cadence: its own, else its severity's default, else null (no reminders). */
  updateCadenceMinutes: number | null;
  lastStatusUpdateAt: string | null;
  /** When the next status update is due (past when overdue); null when resolved or without a cadence. */
  nextUpdateDueAt: string | null;
}

// Status updates and following.

export const statusUpdateRequest = z.object({
  text: multiLineText().trim().min(1, 'must not be empty').max(maxStatusUpdateLength, `must be at most ${maxStatusUpdateLength} characters`),
  audience: z.enum(statusUpdateAudiences, { message: 'must be "internal" (the people responding) or "stakeholders" (everyone following)' }),
});
export type StatusUpdateRequest = z.infer<typeof statusUpdateRequest>;

export const followRequest = z.object({ viaContactMethods: z.boolean({ message: 'must be true or false' }).optional() });

export interface Follower {
  id: string;
  name: string;
  /** Follows the whole service rather than this incident. */
  viaService: boolean;
}

/** The answer to following or unfollowing a service. */
export interface ServiceFollow {
  following: boolean;
  viaContactMethods: boolean;
}
