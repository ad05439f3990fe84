import { z } from 'zod';
import { id } from './common';
import { maxSnoozeMinutes, minSnoozeMinutes } from '../domain/snooze';

/** Hand the incident to one person (paged now, once) or to an escalation policy (from its step 1). */
export const reassignIncidentRequest = z
  .object({ userId: id.optional(), policyId: id.optional() })
  .strict()
  .refine((body) => (body.userId === undefined) !== (body.policyId === undefined), 'give exactly one of userId, policyId');
export type ReassignIncidentRequest = z.infer<typeof reassignIncidentRequest>;

export const snoozeIncidentRequest = z.object({
  minutes: z
    .number({ message: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(minSnoozeMinutes, `must be at least ${minSnoozeMinutes}`)
    .max(maxSnoozeMinutes, `must be at most ${maxSnoozeMinutes} (24 h)`),
});
export type SnoozeIncidentRequest = z.infer<typeof snoozeIncidentRequest>;

/** Whom a reassigned incident now pages, as its `reassigned` timeline event names it. */
export interface ReassignTarget {
  type: 'user' | 'policy';
  id: string;
  name: string;
}
