import { z } from 'zod';

export const roles = ['admin', 'responder', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const id = z.string().min(1).max(64);
export const email = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })).pipe(z.string().max(254));
export const password = z.string().min(10, 'must be at least 10 characters').max(256);
export const displayName = z.string().trim().min(1, 'must not be empty').max(100);

/** The single error shape every endpoint answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
