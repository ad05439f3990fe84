import type { User } from '../../../shared/api/accounts';

/** Case and accents do not matter: "rene" finds René. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** People who could be added: active, not already chosen, whose name or email contains the query. */
export function searchPeople<T extends Pick<User, 'id' | 'name' | 'email' | 'active'>>(
  people: readonly T[],
  query: string,
  chosenIds: ReadonlySet<string>,
): T[] {
  const wanted = fold(query.trim());
  return people
    .filter((person) => person.active && !chosenIds.has(person.id))
    .filter((person) => !wanted || fold(person.name).includes(wanted) || fold(person.email).includes(wanted))
    .sort((a, b) => a.name.localeCompare(b.name));
}
