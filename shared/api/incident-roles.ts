import { z } from 'zod';
import { id } from './common';
import { incidentRoles } from '../domain/incident-roles';

/** A role holder (or anyone named on a role event), as the API shows them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** The incident's roles with names: the answer to PUT …/roles and `roles` on the incident's detail. */
export interface IncidentRolesView {
  commander: PersonRef | null;
  communications: PersonRef | null;
  scribe: PersonRef | null;
  experts: PersonRef[];
}

const holder = id.nullable();

export const setRolesRequest = z
  .object({
    commander: holder,
    communications: holder,
    scribe: holder,
    experts: z.array(id).max(20, 'at most 20 experts'),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of commander, communications, scribe, experts');

const role = z.enum(incidentRoles, { message: `must be one of ${incidentRoles.join(', ')}` });

export const tickChecklistRequest = z.object({
  role,
  item: z.string().min(1).max(64),
  done: z.boolean({ message: 'must be true or false' }),
});

export const addRespondersRequest = z.union(
  [z.object({ userId: id }).strict(), z.object({ scheduleId: id }).strict()],
  { message: 'give exactly one of userId, scheduleId' },
);
