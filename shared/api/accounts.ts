import { z } from 'zod';
import { displayName, email, id, password, roles, type Role } from './common';
import { multiLineText, singleLineText } from './text';

export const loginRequest = z.object({ email, password: z.string().min(1).max(256) });
export const setupRequest = z.object({ email, name: displayName, password });

export const createUserRequest = z.object({ email, name: displayName, password, role: z.enum(roles) });
export const updateUserRequest = z
  .object({ name: displayName, role: z.enum(roles), active: z.boolean(), password })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, role, active, password');

export const createTokenRequest = z.object({ name: singleLineText().trim().min(1, 'must not be empty').max(100) });

export const createTeamRequest = z.object({ name: displayName, description: multiLineText().max(2000).optional() });
export const addTeamMemberRequest = z.object({ userId: id });

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
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
