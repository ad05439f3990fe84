import { z } from 'zod';
import {
  defaultDrillReminderMinutes,
  drillStatuses,
  drillTemplateIds,
  maxDrillParticipants,
  maxDrillReminderMinutes,
  maxDrillScheduleDays,
  type DrillStatus,
  injectKinds,
  maxInjectAfterSeconds,
  maxInjects,
  maxInjectTextLength,
  type DrillInject,
  type DrillTemplate,
} from '../domain/drills';
import { severities, type Severity } from '../domain/severity';
import { id } from './common';
import { multiLineText, singleLineText } from './text';

/** A scripted game-day story for one service, injects in the order they arrive. */
export interface DrillScenario {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string;
  severity: Severity;
  title: string;
  description: string;
  injects: DrillInject[];
  /** From the start to the last inject. */
  durationSeconds: number;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type DrillTemplateJson = DrillTemplate & { durationSeconds: number };

export interface DrillScenarioList {
  items: DrillScenario[];
  templates: DrillTemplateJson[];
}

/** A missing field says so, rather than zod's "expected string, received undefined". */
const text = (what: string) => z.string({ message: `must be ${what}, as text` });
const name = text('the scenario name').pipe(singleLineText().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'));
const title = text('the drill incident title').pipe(singleLineText().trim().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'));
const description = multiLineText().max(20_000, 'must be at most 20000 characters');
const severity = z.enum(severities, { message: 'must be one of SEV-1, SEV-2, SEV-3, SEV-4' });
const serviceId = z.string({ message: 'must be the id of the service the drill runs against' }).pipe(id);

const inject = z
  .object({
    afterSeconds: z
      .number({ message: `must be a whole number of seconds from 0 to ${maxInjectAfterSeconds}` })
      .int('must be a whole number of seconds')
      .min(0, 'must be 0 or more')
      .max(maxInjectAfterSeconds, `must be at most ${maxInjectAfterSeconds} (a day)`),
    kind: z.enum(injectKinds, { message: `must be one of ${injectKinds.join(', ')}` }),
    text: multiLineText().trim().min(1, 'must not be empty').max(maxInjectTextLength, `must be at most ${maxInjectTextLength} characters`),
  })
  .strict();

const injects = z
  .array(inject, { message: 'must be a list of {afterSeconds, kind, text}' })
  .min(1, 'give at least one inject')
  .max(maxInjects, `at most ${maxInjects} injects`);

const unknownFields = (hint: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys?.join(', ')}; ${hint}` : undefined;

/** PUT replaces the whole scenario, so every field but the description is required. */
export const saveDrillScenarioRequest = z.strictObject(
  { name, serviceId, severity, title, description: description.optional(), injects },
  { error: unknownFields('give name, serviceId, severity, title, description and injects (a template is only for POST)') },
);
export type SaveDrillScenarioInput = z.infer<typeof saveDrillScenarioRequest>;

const required = ['name', 'severity', 'title', 'injects'] as const;

/**
 * A scenario written out, or `{template, serviceId}` to start from a built-in story; fields given beside a
 * template replace the template's. One object rather than a union: a failed union reports only "Invalid
 * input", and every 400 must name the bad field.
 */
export const createDrillScenarioRequest = z
  .strictObject(
    {
    template: z.enum(drillTemplateIds as [string, ...string[]], { message: `must be one of ${drillTemplateIds.join(', ')}` }).optional(),
    name: name.optional(),
    serviceId,
    severity: severity.optional(),
    title: title.optional(),
    description: description.optional(),
    injects: injects.optional(),
    },
    { error: unknownFields('give template, name, serviceId, severity, title, description and injects') },
  )
  .superRefine((body, ctx) => {
    if (body.template !== undefined) return;
    for (const field of required)
      if (body[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required (or give a template to start from)' });
  });
export type CreateDrillScenarioInput = z.infer<typeof createDrillScenarioRequest>;

/** `POST /api/v1/drills`: start a scenario now, or put it on the game-day calendar with `startsAt`. */
export const startDrillRequest = z.strictObject(
  {
    scenarioId: z.string({ message: 'must be the id of the scenario to run' }).pipe(id),
    participants: z
      .array(id, { message: 'must be a list of user ids' })
      .min(1, 'give at least one participant, or leave participants out to page the whole chain')
      .max(maxDrillParticipants, `at most ${maxDrillParticipants} participants`)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name anyone twice')
      .optional(),
    startsAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a time zone, like 2026-12-10T14:00:00Z' }).optional(),
    remindMinutesBefore: z
      .number({ message: `must be a whole number of minutes from 0 to ${maxDrillReminderMinutes}` })
      .int('must be a whole number of minutes')
      .min(0, 'must be 0 or more (0 sends no reminder)')
      .max(maxDrillReminderMinutes, `must be at most ${maxDrillReminderMinutes} (a week)`)
      .optional(),
  },
  { error: unknownFields('give scenarioId, participants, startsAt and remindMinutesBefore') },
);
export type StartDrillInput = z.infer<typeof startDrillRequest>;
export { defaultDrillReminderMinutes, maxDrillScheduleDays };

export const listDrillsQuery = z.object({
  status: z
    .string()
    .transform((raw) => raw.split(',').filter(Boolean))
    .pipe(z.array(z.enum(drillStatuses, { message: `must be a comma-separated list of ${drillStatuses.join(', ')}` })).min(1))
    .optional(),
  scenarioId: id.optional(),
});

/** A drill as the API shows it: the scenario copy it runs, where it stands, and its incident once started. */
export interface Drill extends Pick<DrillScenario, 'name' | 'serviceId' | 'serviceName' | 'severity' | 'title' | 'description' | 'injects'> {
  id: string;
  scenarioId: string | null;
  /** Null: the policy's chain is paged as it is. */
  participants: Array<{ id: string; name: string }> | null;
  status: DrillStatus;
  startsAt: string;
  remindMinutesBefore: number;
  /** When participants are reminded; null once sent or when there is nothing to remind. */
  remindAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  pausedAt: string | null;
  incidentId: string | null;
  incidentNumber: number | null;
  /** Injects delivered so far. */
  injectsDone: number;
  /** When the next inject arrives (null when paused, over, or none is left). */
  nextInjectAt: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  /** 0–100 once the drill is over (see shared/domain/drill-score), else null. */
  score: number | null;
}

export interface DrillList {
  items: Drill[];
}

/** One figure of a scorecard beside the same figure of the team's earlier drills of the same scenario. */
export interface DrillMeasure {
  key: 'firstPageDelivered' | 'acknowledged' | 'commanderAssigned' | 'firstStatusUpdate' | 'runbookSteps' | 'escalations' | 'failedPages';
  /** "Time to first page delivered" */
  label: string;
  /** Null when it never happened in this drill (nobody acknowledged, no status update…). */
  value: number | null;
  unit: 'seconds' | 'count' | 'percent';
  lowerIsBetter: boolean;
  /** The same figure in the latest earlier drill of this scenario, and the best of all of them; null when none had it. */
  previous: number | null;
  best: number | null;
}

/** `GET /api/v1/drills/:id/report`: how the drill went, measured from its incident's timeline and outbox. */
export interface DrillReport {
  drillId: string;
  name: string;
  scenarioId: string | null;
  status: DrillStatus;
  startedAt: string | null;
  endedAt: string | null;
  incidentId: string | null;
  incidentNumber: number | null;
  /** 0–100 (shared/domain/drill-score); null until the drill is over. */
  score: number | null;
  /** Earlier finished or aborted drills of the same scenario, oldest first. */
  previousScores: Array<{ drillId: string; startedAt: string; score: number | null }>;
  timeToFirstPageDeliveredSeconds: number | null;
  timeToAcknowledgeSeconds: number | null;
  /** Everyone the drill paged: when their first page went out and reached a device or contact method, and whether they acknowledged. */
  participants: Array<{ userId: string; name: string; firstPagedAt: string | null; firstDeliveredAt: string | null; acknowledgedAfterSeconds: number | null }>;
  timeToCommanderSeconds: number | null;
  timeToFirstStatusUpdateSeconds: number | null;
  runbookSteps: { done: number; total: number };
  /** Escalation steps the page went past step 1 (escalate injects included). */
  escalations: number;
  /** Pages that never arrived: the devices and contact methods to fix. */
  failedPages: Array<{ userId: string; name: string; channel: string; target: string; error: string | null }>;
  measures: DrillMeasure[];
}
