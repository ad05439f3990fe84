export const roles = ['admin', 'responder', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Why someone may not act on incidents (acknowledge, resolve, ...): deactivated, or only a viewer. */
export type CannotAct = 'deactivated' | 'viewer';

/**
 * Why a user may not act on incidents, or null when they may. Paging someone who may not act wakes them
 * for nothing, so the same rule decides who may be paged (and what the policy editor lets one pick).
 */
export function cannotAct(user: { role: Role; active: boolean }): CannotAct | null {
  if (!user.active) return 'deactivated';
  if (user.role === 'viewer') return 'viewer';
  return null;
}
