import { z } from 'zod';
import { cannotAct, type Role } from '../domain/roles';
import { singleLineText, unicodeText } from './text';

export { roles, type Role } from '../domain/roles';

const cannotActSentences = { deactivated: 'is deactivated', viewer: 'is a viewer, and viewers may not act on incidents' } as const;

/** `cannotAct` as the end of a sentence starting with the user's name, for API errors and the timeline. */
export function whyMayNotAct(user: { role: Role; active: boolean }): string | null {
  const reason = cannotAct(user);
  return reason && cannotActSentences[reason];
}

export const id = singleLineText().min(1).max(64);
export const email = singleLineText().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })).pipe(z.string().max(254));
export const password = unicodeText().min(10, 'must be at least 10 characters').max(256);
export const displayName = singleLineText().trim().min(1, 'must not be empty').max(100);

/** The single error shape every endpoint answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
