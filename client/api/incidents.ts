import type { z } from 'zod';
import type { Page } from '../../shared/api/common';
import type {
  addNoteRequest,
  createIncidentRequest,
  Incident,
  IncidentDetail,
  TimelineEvent,
  updateIncidentRequest,
} from '../../shared/api/incidents';
import type { IncidentStatus } from '../../shared/domain/lifecycle';
import type { Severity } from '../../shared/domain/severity';
import type { DrillFilter } from '../../shared/domain/triage';
import { request } from './http';

export type CreateIncidentInput = z.input<typeof createIncidentRequest>;
export type UpdateIncidentInput = z.input<typeof updateIncidentRequest>;
export type AddNoteInput = z.input<typeof addNoteRequest>;

export interface ListIncidentsFilter {
  status?: IncidentStatus[];
  severity?: Severity[];
  /** Only incidents that paged this user; `me` for the signed-in one. */
  pagedUser?: string;
  serviceId?: string;
  /** "Mine": paged this user or they hold a role; `me` for the signed-in one. */
  involvedUser?: string;
  q?: string;
  /** Game-day drill incidents: `include` (the server's default), `exclude` or `only`. */
  drills?: DrillFilter;
  sort?: 'newest' | 'triage';
  limit?: number;
  cursor?: string;
}

export const incidentsApi = {
  list: (filter: ListIncidentsFilter = {}) =>
    request<Page<Incident>>('GET', '/incidents', {
      query: {
        status: filter.status?.join(','),
        severity: filter.severity?.join(','),
        pagedUser: filter.pagedUser,
        serviceId: filter.serviceId,
        involvedUser: filter.involvedUser,
        q: filter.q,
        drills: filter.drills,
        sort: filter.sort,
        limit: filter.limit,
        cursor: filter.cursor,
      },
    }),
  get: (id: string) => request<IncidentDetail>('GET', `/incidents/${encodeURIComponent(id)}`),
  create: (body: CreateIncidentInput) => request<IncidentDetail>('POST', '/incidents', { body }),
  update: (id: string, body: UpdateIncidentInput) =>
    request<IncidentDetail>('PATCH', `/incidents/${encodeURIComponent(id)}`, { body }),
  acknowledge: (id: string) => request<IncidentDetail>('POST', `/incidents/${encodeURIComponent(id)}/acknowledge`),
  resolve: (id: string) => request<IncidentDetail>('POST', `/incidents/${encodeURIComponent(id)}/resolve`),
  addNote: (id: string, body: AddNoteInput) =>
    request<TimelineEvent>('POST', `/incidents/${encodeURIComponent(id)}/notes`, { body }),
};

