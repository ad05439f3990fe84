import type { Db } from '../../db/client';
import { deleteContactMethodRow } from '../../db/stores/contact-methods';
import { notFound } from '../../errors';

export async function deleteContactMethod(db: Db, userId: string, id: string): Promise<void> {
  if (!(await deleteContactMethodRow(db, userId, id))) throw notFound(`contact method ${id}`);
}
