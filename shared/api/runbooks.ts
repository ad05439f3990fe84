import { z } from 'zod';
import { maxRunbookLength } from '../domain/runbook-steps';
import { multiLineText, singleLineText } from './text';

/** A service's runbook: its own (`alertClass` null) or the one for alerts of a class. */
export interface Runbook {
  serviceId: string;
  alertClass: string | null;
  markdown: string;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

/** One `- [ ]` item of the incident's runbook, ticked (or not) on this incident. */
export interface RunbookStep {
  index: number;
  label: string;
  done: boolean;
  /** Who last ticked or unticked it here; null when nobody has (`done` is then what the runbook itself says). */
  by: { id: string; name: string } | null;
  at: string | null;
}

/** The runbook an incident follows: the one for its alerts' class, else the service's own. */
export interface IncidentRunbook {
  alertClass: string | null;
  markdown: string;
  steps: RunbookStep[];
}

export const runbookQuery = z.object({
  class: singleLineText().trim().min(1, 'must not be empty').max(255).optional(),
});

export const saveRunbookRequest = z.object({
  markdown: multiLineText().max(maxRunbookLength, `must be at most ${maxRunbookLength} characters`),
});

export const tickRunbookStepRequest = z.object({
  index: z.number({ message: 'must be a step number' }).int('must be a whole number').min(0, 'must be 0 or more'),
  done: z.boolean({ message: 'must be true or false' }),
});
