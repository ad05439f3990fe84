import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { User } from '../../shared/api/accounts';

export interface AppDeps {
  db: Db;
  clock: Clock;
  /** The address phones use; decides whether cookies are marked Secure. */
  publicUrl?: string;
  /** Folder holding the built PWA; omitted in API-only tests. */
  staticRoot?: string;
}

export type AuthUser = User;

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: AuthUser | null;
  };
}
