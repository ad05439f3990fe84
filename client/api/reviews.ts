import type { ActionItemAcrossIncidents, LinkedIncident, LinkIncidentRequest, Review, SaveReviewRequest } from '../../shared/api/review';
import type { ActionItemStatus } from '../../shared/domain/review';
import { request } from './http';

const reviewPath = (incidentId: string) => `/incidents/${encodeURIComponent(incidentId)}/review`;

/** The review needs a connection to save: it is one document two phones may edit, so the server settles it. */
export const reviewsApi = {
  get: (incidentId: string) => request<Review>('GET', reviewPath(incidentId)),
  save: (incidentId: string, body: SaveReviewRequest) => request<Review>('PUT', reviewPath(incidentId), { body }),
  complete: (incidentId: string) => request<Review>('POST', `${reviewPath(incidentId)}/complete`),
  reopen: (incidentId: string) => request<Review>('POST', `${reviewPath(incidentId)}/reopen`),
  /** Where the Markdown export downloads from (a plain link: the session cookie goes with it). */
  markdownUrl: (incidentId: string) => `/api/v1${reviewPath(incidentId)}.md`,
  link: (incidentId: string, body: LinkIncidentRequest) =>
    request<{ items: LinkedIncident[] }>('POST', `/incidents/${encodeURIComponent(incidentId)}/links`, { body }),
  unlink: (incidentId: string, linkedId: string) =>
    request<void>('DELETE', `/incidents/${encodeURIComponent(incidentId)}/links/${encodeURIComponent(linkedId)}`),
  actionItems: (status?: ActionItemStatus) => request<{ items: ActionItemAcrossIncidents[] }>('GET', '/action-items', { query: { status } }),
};
