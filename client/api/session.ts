import type { loginRequest, setupRequest, SetupStatus, User } from '../../shared/api/accounts';
import type { z } from 'zod';
import { request } from './http';

export type LoginInput = z.input<typeof loginRequest>;
export type SetupInput = z.input<typeof setupRequest>;

export const sessionApi = {
  me: () => request<{ user: User }>('GET', '/me').then((res) => res.user),
  login: (body: LoginInput) => request<{ user: User }>('POST', '/auth/login', { body }).then((res) => res.user),
  logout: () => request<void>('POST', '/auth/logout'),
  setupStatus: () => request<SetupStatus>('GET', '/setup'),
  setup: (body: SetupInput) => request<{ user: User }>('POST', '/setup', { body }).then((res) => res.user),
};
