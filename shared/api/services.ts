import { z } from 'zod';
import { id } from './common';
import { multiLineText, singleLineText } from './text';

const serviceName = singleLineText().trim().min(1, 'must not be empty').max(100);
const description = multiLineText().max(2000);

export const createServiceRequest = z.object({
  name: serviceName,
  description: description.optional(),
  teamId: id.nullish(),
  escalationPolicyId: id.nullish(),
});
export const updateServiceRequest = z
  .object({ name: serviceName, description: description.nullable(), teamId: id.nullable(), escalationPolicyId: id.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, description, teamId, escalationPolicyId');

export interface Service {
  id: string;
  name: string;
  description: string | null;
  teamId: string | null;
  /** Whom an incident on this service pages; null pages nobody. */
  escalationPolicyId: string | null;
  createdAt: string;
  /**
   * Lets monitoring tools open incidents. Only in the answer that created or rotated it: the server keeps its
   * hash alone, so a lost key is replaced by rotating it.
   */
  integrationKey?: string;
}
