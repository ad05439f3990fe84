import type { Severity } from './severity';

/**
 * Incident roles, their checklists and status-update audiences: plain constants the app, the service worker
 * and the server share (kept free of zod so the app bundle stays free of zod's eval probe).
 */
export const incidentRoles = ['commander', 'communications', 'scribe', 'experts'] as const;
export type IncidentRole = (typeof incidentRoles)[number];

export const roleLabels: Record<IncidentRole, string> = {
  commander: 'Incident Commander',
  communications: 'Communications Lead',
  scribe: 'Scribe',
  experts: 'Subject Matter Expert',
};

/** Who holds each role on one incident, by user id. */
export interface IncidentRoles {
  commander: string | null;
  communications: string | null;
  scribe: string | null;
  experts: string[];
}

export const noRoles: IncidentRoles = { commander: null, communications: null, scribe: null, experts: [] };

export const statusUpdateAudiences = ['internal', 'stakeholders'] as const;
export type StatusUpdateAudience = (typeof statusUpdateAudiences)[number];

/** Minutes without a status update after which the communications lead (or commander) is reminded. */
export const defaultUpdateCadenceMinutes: Partial<Record<Severity, number>> = { 'SEV-1': 30, 'SEV-2': 60 };
