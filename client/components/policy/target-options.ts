import { sameTarget } from './policy-draft';
import { whyNotPageable, type Directory, type Target } from './policy-wording';

export interface TargetOption {
  target: Target;
  name: string;
  /** The email of a person, "Schedule" for a schedule. */
  detail: string;
  /** Set for someone the engine would skip ("deactivated"); such options cannot be picked. */
  blockedReason: string | null;
}

const maxShown = 8;

/**
 * The people and schedules whose name (or email) contains what was typed, those already on the step
 * left out; schedules first, since paging whoever is on call outlives any one person's shifts, and
 * people who cannot be paged last. At most eight, so the list never pushes the step off a phone's
 * screen: `more` says how many typing further would reveal.
 */
export function targetOptions(query: string, directory: Directory, selected: Target[]): { shown: TargetOption[]; more: number } {
  const needle = query.trim().toLocaleLowerCase();
  const matches = (...texts: string[]) => texts.some((text) => text.toLocaleLowerCase().includes(needle));
  const schedules: TargetOption[] = directory.schedules
    .filter((schedule) => matches(schedule.name))
    .map((schedule) => ({ target: { type: 'schedule', id: schedule.id }, name: schedule.name, detail: 'Schedule', blockedReason: null }));
  const people: TargetOption[] = directory.users
    .filter((user) => matches(user.name, user.email))
    .map((user) => ({ target: { type: 'user', id: user.id }, name: user.name, detail: user.email, blockedReason: whyNotPageable(user) }));
  const pageableFirst = [...people.filter((option) => !option.blockedReason), ...people.filter((option) => option.blockedReason)];
  const all = [...schedules, ...pageableFirst].filter((option) => !selected.some((target) => sameTarget(target, option.target)));
  return { shown: all.slice(0, maxShown), more: Math.max(0, all.length - maxShown) };
}
