import type { Db } from '../../db/client';
import { contactMethodsOf, type ContactMethodRow } from '../../db/stores/contact-methods';
import { findUser } from '../../db/stores/users';
import { notFound } from '../../errors';

/** An admin naming a user who does not exist learns so, rather than reading an empty list. */
export async function listContactMethods(db: Db, userId: string): Promise<ContactMethodRow[]> {
  if (!(await findUser(db, userId))) throw notFound(`user ${userId}`);
  return contactMethodsOf(db, userId);
}
