import type { SetupProgress } from '../../shared/api/setup-progress';
import { request } from './http';

export const setupProgressApi = {
  get: () => request<SetupProgress>('GET', '/setup-progress'),
};
