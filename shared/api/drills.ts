import { z } from 'zod';
import {
  drillTemplateIds,
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
