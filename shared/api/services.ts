import { z } from 'zod';
import { id } from './common';
import { multiLineText, singleLineText } from './text';
import { alertSeverities, type SeverityMapping } from '../domain/alert-severity';
import { severities } from '../domain/severity';

const serviceName = singleLineText().trim().min(1, 'must not be empty').max(100);
const description = multiLineText().max(2000);
const severity = z.enum(severities, { message: 'must be one of SEV-1, SEV-2, SEV-3, SEV-4' });
/** Give only the entries to change; the others keep their value. */
const severityMapping = z.partialRecord(z.enum([...alertSeverities, 'default']), severity);
const stormThreshold = z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000');

export const createServiceRequest = z.object({
  name: serviceName,
  description: description.optional(),
  teamId: id.nullish(),
  escalationPolicyId: id.nullish(),
  severityMapping: severityMapping.optional(),
  stormThreshold: stormThreshold.optional(),
});
export const updateServiceRequest = z
  .object({
    name: serviceName,
    description: description.nullable(),
    teamId: id.nullable(),
    escalationPolicyId: id.nullable(),
    severityMapping,
    stormThreshold,
    /** An archived service keeps its incidents but opens no new ones; false brings it back. */
    archived: z.boolean(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, description, teamId, escalationPolicyId, severityMapping, stormThreshold, archived');

export interface Service {
  id: string;
  name: string;
  description: string | null;
  teamId: string | null;
  /** Whom an incident on this service pages; null pages nobody. */
  escalationPolicyId: string | null;
  /** Incident severity for each severity a monitoring tool sends. */
  severityMapping: SeverityMapping;
  /** New incidents per minute from integrations before further alerts fold into one alert-storm incident. */
  stormThreshold: number;
  /** Set while archived: integrations and the app open no new incidents on it. */
  archivedAt: string | null;
  createdAt: string;
  /**
   * Lets monitoring tools open incidents. Only in the answer that created or rotated it: the server keeps its
   * hash alone, so a lost key is replaced by rotating it.
   */
  integrationKey?: string;
  /** On GET /services/:id only: whether the caller follows the service's incidents' status updates. */
  following?: boolean;
}
