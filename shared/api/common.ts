import { z } from 'zod';
import { singleLineText, unicodeText } from './text';

export const roles = ['admin', 'responder', 'viewer'] as const;
export type Role = (typeof roles)[number];

/**
 * Why a user may not act on incidents (acknowledge, resolve, ...), or null when they may. Paging
 * someone who may not act wakes them for nothing, so the same rule decides who may be paged.
 */
export function whyMayNotAct(user: { role: Role; active: boolean }): string | null {
  if (!user.active) return 'is deactivated';
  if (user.role === 'viewer') return 'is a viewer, and viewers may not act on incidents';
  return null;
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
