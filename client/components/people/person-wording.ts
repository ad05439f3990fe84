import type { SignInLink, User } from '../../../shared/api/accounts';
import type { Role } from '../../../shared/domain/roles';
import { formatClock } from '../../format/time';

export const roleLabels: Record<Role, string> = { admin: 'Admin', responder: 'Responder', viewer: 'Viewer' };

/** What choosing a role means, said where the role is chosen. */
export const roleHints: Record<Role, string> = {
  admin: 'Sets Muster up and manages people; is paged and acts on incidents.',
  responder: 'Is paged and acts on incidents.',
  viewer: 'Reads everything; is never paged.',
};

export const roleChoices = Object.keys(roleLabels) as Role[];

export type PersonStatus = 'active' | 'invited' | 'deactivated';

export function personStatus(person: Pick<User, 'active' | 'hasPassword'>): PersonStatus {
  if (!person.active) return 'deactivated';
  return person.hasPassword ? 'active' : 'invited';
}

export const statusLabels: Record<PersonStatus, string> = {
  active: 'Active',
  invited: 'Invited — no password yet',
  deactivated: 'Deactivated',
};

/** Someone who never chose a password needs a fresh invitation; anyone else gets a reset. */
export function linkActionLabel(person: Pick<User, 'hasPassword'>): string {
  return person.hasPassword ? 'Password reset link' : 'Send a new invitation link';
}

export function linkHeading(name: string, link: Pick<SignInLink, 'purpose'>): string {
  return link.purpose === 'invite' ? `Sign-in link for ${name}` : `Password reset link for ${name}`;
}

/** The server keeps only a fingerprint of the link, so this is the one moment to pass it on. */
export function linkWording(name: string, link: Pick<SignInLink, 'purpose' | 'expiresAt'>, now: Date, locale?: string): string {
  const aim = link.purpose === 'invite' ? 'choose a password' : 'choose a new password';
  return `Share this link with ${name}: it signs them in once to ${aim}, until ${formatClock(link.expiresAt, now, locale)}. It will not be shown again.`;
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name);
}
