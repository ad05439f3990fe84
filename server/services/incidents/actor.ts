import type { User } from '../../../shared/api/accounts';
import type { Actor } from '../../../shared/api/incidents';

export function userActor(user: Pick<User, 'id' | 'name'>): Actor {
  return { type: 'user', id: user.id, name: user.name };
}

/** What the paging engine and integrations record as the actor of their own timeline events. */
export const systemActor: Actor = { type: 'system', id: null, name: 'Muster' };
