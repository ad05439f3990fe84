import { z } from 'zod';
import { id } from './common';
import { multiLineText, singleLineText } from './text';
import { actionItemStatuses, incidentLinkKinds, type ActionItemStatus, type IncidentLinkKind, type ReviewContent } from '../domain/review';
import type { IncidentStatus } from '../domain/lifecycle';

const longText = multiLineText().max(20_000);
const line = singleLineText().trim().max(1000);
const isoInstant = z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-03-02T03:10:00Z' });
const dueDate = z.iso.date({ message: 'must be a day as YYYY-MM-DD' });
const status = z.enum(actionItemStatuses, { message: 'must be open or done' });

export const reviewContent = z.object({
  summary: longText,
  usersAffected: singleLineText().trim().max(200),
  highlights: z
    .array(z.object({ at: isoInstant, text: singleLineText().trim().min(1, 'must not be empty').max(2000), eventId: id.nullable() }))
    .max(500),
  contributingFactors: z.array(line.min(1, 'must not be empty')).max(100),
  wentWell: longText,
  wasHard: longText,
});

const actionItemTitle = singleLineText().trim().min(1, 'must not be empty').max(500);

export const actionItemInput = z.object({
  id: id.optional(),
  title: actionItemTitle,
  ownerId: id.nullable().optional(),
  dueDate: dueDate.nullable().optional(),
  status: status.default('open'),
});

export const saveReviewRequest = z.object({
  content: reviewContent,
  actionItems: z.array(actionItemInput).max(200).optional(),
  /** The `updatedAt` of the review the editor started from; an older one than stored is refused with 409. */
  baseUpdatedAt: isoInstant.nullable().optional(),
});
export type SaveReviewRequest = z.input<typeof saveReviewRequest>;

export const updateActionItemRequest = z
  .object({ status, title: actionItemTitle, ownerId: id.nullable(), dueDate: dueDate.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of status, title, ownerId, dueDate');
export type UpdateActionItemRequest = z.input<typeof updateActionItemRequest>;

export const listActionItemsQuery = z.object({ status: status.optional() });

/** The incident to link by its id, or by the number people see ("#12") when typed on a phone. */
export const linkIncidentRequest = z
  .object({
    incidentId: id.optional(),
    number: z.number().int().positive().optional(),
    kind: z.enum(incidentLinkKinds, { message: 'must be same-cause or related' }),
  })
  .refine((body) => (body.incidentId === undefined) !== (body.number === undefined), 'give incidentId (or number), not both');
export type LinkIncidentRequest = z.input<typeof linkIncidentRequest>;

export interface ActionItem {
  id: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionItemStatus;
}

export interface ActionItemAcrossIncidents extends ActionItem {
  incidentId: string;
  incidentNumber: number;
  incidentTitle: string;
  overdue: boolean;
}

export interface LinkedIncident {
  id: string;
  number: number;
  title: string;
  status: IncidentStatus;
  kind: IncidentLinkKind;
}

export interface ReviewImpact {
  usersAffected: string;
  /** resolvedAt − startedAt; null while not resolved. */
  durationSeconds: number | null;
  /** mitigatedAt − startedAt; null until mitigated. */
  timeToMitigateSeconds: number | null;
  startedAt: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
}

export interface Review {
  incidentId: string;
  content: ReviewContent;
  impact: ReviewImpact;
  generatedTimeline: Array<{ at: string; text: string; eventId: string }>;
  actionItems: ActionItem[];
  linkedIncidents: LinkedIncident[];
  completedAt: string | null;
  /** Null until first saved. */
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}
