import type { z } from 'zod';
import type {
  ApiToken,
  changePasswordRequest,
  createTeamRequest,
  createUserRequest,
  SignInLink,
  SignInLinkInfo,
  Team,
  updateProfileRequest,
  updateTeamRequest,
  updateUserRequest,
  User,
} from '../../shared/api/accounts';
import { request } from './http';

export type CreateUserInput = z.input<typeof createUserRequest>;
export type UpdateUserInput = z.input<typeof updateUserRequest>;
export type UpdateProfileInput = z.input<typeof updateProfileRequest>;
export type ChangePasswordInput = z.input<typeof changePasswordRequest>;
export type CreateTeamInput = z.input<typeof createTeamRequest>;
export type UpdateTeamInput = z.input<typeof updateTeamRequest>;

const items = <T>(res: { items: T[] }) => res.items;
const user = (id: string) => `/users/${encodeURIComponent(id)}`;
const team = (id: string) => `/teams/${encodeURIComponent(id)}`;
const link = (token: string) => `/auth/sign-in-links/${encodeURIComponent(token)}`;

export const usersApi = {
  list: () => request<{ items: User[] }>('GET', '/users').then(items),
  /** Without a password, the answer's `signInLink` is the one chance to copy the new user's link. */
  create: (body: CreateUserInput) => request<User & { signInLink?: SignInLink }>('POST', '/users', { body }),
  update: (id: string, body: UpdateUserInput) => request<User>('PATCH', user(id), { body }),
  /** A new one-time link (an invitation, or a password reset once the user has a password). */
  signInLink: (id: string) => request<SignInLink>('POST', `${user(id)}/sign-in-link`),
};

export const signInLinksApi = {
  inspect: (token: string) => request<SignInLinkInfo>('GET', link(token)),
  redeem: (token: string, password: string) => request<{ user: User }>('POST', link(token), { body: { password } }).then((res) => res.user),
};

export const profileApi = {
  update: (body: UpdateProfileInput) => request<User>('PATCH', '/me', { body }),
  changePassword: (body: ChangePasswordInput) => request<void>('POST', '/me/password', { body }),
  tokens: () => request<{ items: ApiToken[] }>('GET', '/me/tokens').then(items),
  /** The only answer that carries `token`. */
  createToken: (name: string) => request<ApiToken & { token: string }>('POST', '/me/tokens', { body: { name } }),
  revokeToken: (id: string) => request<void>('DELETE', `/me/tokens/${encodeURIComponent(id)}`),
};

export const teamsApi = {
  list: () => request<{ items: Team[] }>('GET', '/teams').then(items),
  create: (body: CreateTeamInput) => request<Team>('POST', '/teams', { body }),
  update: (id: string, body: UpdateTeamInput) => request<Team>('PATCH', team(id), { body }),
  addMember: (id: string, userId: string) => request<Team>('POST', `${team(id)}/members`, { body: { userId } }),
  removeMember: (id: string, userId: string) => request<void>('DELETE', `${team(id)}/members/${encodeURIComponent(userId)}`),
};
