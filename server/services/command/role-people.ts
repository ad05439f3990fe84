import { whyMayNotAct } from '../../../shared/api/common';
import type { Tx } from '../../db/client';
import { peopleByIds, type Person } from '../../db/stores/incident-roles';
import { badRequest } from '../../errors';

/**
 * Looks up the people a request names, field by field, and refuses (400, naming the field) anyone unknown or
 * who may not act on incidents (deactivated, or a viewer).
 */
export async function peopleWhoMayAct(tx: Tx, named: Array<{ field: string; ids: string[] }>): Promise<Map<string, Person>> {
  const people = await peopleByIds(tx, named.flatMap(({ ids }) => ids));
  for (const { field, ids } of named) {
    for (const id of ids) {
      const person = people.get(id);
      if (!person) throw badRequest(`${field}: there is no user ${id}`);
      const whyNot = whyMayNotAct(person);
      if (whyNot) throw badRequest(`${field}: ${person.name} ${whyNot}`);
    }
  }
  return people;
}
