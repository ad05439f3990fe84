import { z } from 'zod';
import { displayName, email, id, password, roles, type Role } from './common';
import { multiLineText, singleLineText } from './text';
import { isTimeZone } from '../domain/rotation-local-time';

export const loginRequest = z.object({ email, password: z.string().min(1).max(256) });
export const setupRequest = z.object({ email, name: displayName, password });

/** Without a password the answer carries a one-time sign-in link for the new user to choose their own. */
export const createUserRequest = z.object({ email, name: displayName, password: password.optional(), role: z.enum(roles) });
export const updateUserRequest = z
  .object({ name: displayName, role: z.enum(roles), active: z.boolean(), password })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, role, active, password');

const timeZone = singleLineText().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** `PATCH /api/v1/me`: what anyone may change about themselves. */
export const updateProfileRequest = z
  .object({ name: displayName, timeZone: timeZone.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, timeZone');

/** `POST /api/v1/me/password`: signs out every other session of the user. */
export const changePasswordRequest = z.object({ currentPassword: z.string().min(1, 'must not be empty').max(256), newPassword: password });

/** `POST /api/v1/auth/sign-in-links/:token`: the link's holder chooses a password and is signed in. */
export const redeemSignInLinkRequest = z.object({ password });

export const createTokenRequest = z.object({ name: singleLineText().trim().min(1, 'must not be empty').max(100) });

export const createTeamRequest = z.object({ name: displayName, description: multiLineText().max(2000).optional() });
export const updateTeamRequest = z
  .object({ name: displayName, description: multiLineText().max(2000).nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, description');
export const addTeamMemberRequest = z.object({ userId: id });

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** IANA zone shift times are shown in; null follows the device. */
  timeZone: string | null;
  /** False until the user has chosen a password (through a sign-in link). */
  hasPassword: boolean;
  createdAt: string;
}

export const signInLinkPurposes = ['invite', 'reset'] as const;
export type SignInLinkPurpose = (typeof signInLinkPurposes)[number];

/** Valid this long and once: a link shared in chat should not stay a way in. */
export const SIGN_IN_LINK_DAYS = 7;

/**
 * `POST /api/v1/users/:id/sign-in-link` (admin), and `signInLink` in the answer to a user created without a
 * password. The URL is in this one answer only; issuing a new link revokes the user's earlier unused ones.
 */
export interface SignInLink {
  url: string;
  purpose: SignInLinkPurpose;
  expiresAt: string;
}

/** `GET /api/v1/auth/sign-in-links/:token` (public): whom the link is for, before choosing a password. */
export interface SignInLinkInfo {
  email: string;
  name: string;
  purpose: SignInLinkPurpose;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Team {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  members: Array<Pick<User, 'id' | 'name' | 'email'>>;
}

export interface SetupStatus {
  needed: boolean;
}
