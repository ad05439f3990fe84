import { defaultNotificationRules } from '../../../shared/api/paging';
import type { Db } from '../../db/client';
import { deleteContactMethodRow } from '../../db/stores/contact-methods';
import { replaceRules, rulesOf } from '../../db/stores/notification-rules';
import { notFound } from '../../errors';

/**
 * Removes a method and the rules that named it. Were those all the user's rules, the defaults (push at once,
 * after one and after three minutes) take their place: a user always has some way to be paged by rule.
 */
export async function deleteContactMethod(db: Db, userId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rules = await rulesOf(tx, userId);
    if (!(await deleteContactMethodRow(tx, userId, id))) throw notFound(`contact method ${id}`);
    const kept = rules.filter((rule) => rule.contactMethodId !== id);
    if (kept.length < rules.length) await replaceRules(tx, userId, kept.length > 0 ? kept : defaultNotificationRules);
  });
}
