/**
 * The blameless post-incident review's shape, shared by the server, the app and the Markdown export. Free of
 * zod so the app bundle stays free of zod's eval probe; the request schema lives in shared/api.
 */
export const actionItemStatuses = ['open', 'done'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

export const incidentLinkKinds = ['same-cause', 'related'] as const;
export type IncidentLinkKind = (typeof incidentLinkKinds)[number];

/** One line of the review's timeline: generated from a timeline event, or written by hand. */
export interface ReviewHighlight {
  at: string;
  text: string;
  /** The timeline event it was generated from; null for one written by hand. */
  eventId: string | null;
}

/** What people write; the duration and the generated timeline come from the incident itself. */
export interface ReviewContent {
  summary: string;
  usersAffected: string;
  highlights: ReviewHighlight[];
  /** Systems and conditions that contributed, never a person. */
  contributingFactors: string[];
  wentWell: string;
  wasHard: string;
}

export const emptyReview: ReviewContent = {
  summary: '',
  usersAffected: '',
  highlights: [],
  contributingFactors: [],
  wentWell: '',
  wasHard: '',
};
