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

/**
 * Blameless rule: a contributing factor describes a system or a condition. One that is nothing but a person's
 * name ("root cause = Ada") is refused; the app warns with the same rule before sending. Returns the name it
 * matched, or null. Case, surrounding spaces and punctuation, and a leading "root cause:" do not matter.
 */
export function factorBlamesPerson(factor: string, peopleNames: readonly string[]): string | null {
  const bare = (text: string) =>
    text
      .toLowerCase()
      .replace(/^\s*(root\s*cause|cause)\s*[:=-]?\s*/u, '')
      .replace(/[\s\p{P}]+/gu, ' ')
      .trim();
  const said = bare(factor);
  if (!said) return null;
  return peopleNames.find((name) => bare(name) !== '' && bare(name) === said) ?? null;
}

/** What still stops a review from being completed, as words for "add … first"; empty when it may be. */
export function reviewMissing(content: Pick<ReviewContent, 'summary' | 'contributingFactors'>): string[] {
  const missing: string[] = [];
  if (!content.summary.trim()) missing.push('a summary');
  if (!content.contributingFactors.some((factor) => factor.trim())) missing.push('at least one contributing factor');
  return missing;
}

/** An open action item is overdue once its due day has passed (`today` as YYYY-MM-DD, the reader's day). */
export function actionItemOverdue(item: { status: ActionItemStatus; dueDate: string | null }, today: string): boolean {
  return item.status === 'open' && item.dueDate !== null && item.dueDate < today;
}

/** Overdue first (earliest due first), then by due date, undated last; ties keep their order. */
export function compareActionItems(today: string) {
  return (a: { status: ActionItemStatus; dueDate: string | null }, b: { status: ActionItemStatus; dueDate: string | null }): number => {
    const overdue = Number(actionItemOverdue(b, today)) - Number(actionItemOverdue(a, today));
    if (overdue !== 0) return overdue;
    if (a.dueDate === b.dueDate) return 0;
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  };
}

export const incidentLinkKindLabels: Record<IncidentLinkKind, string> = { 'same-cause': 'Same cause', related: 'Related' };
