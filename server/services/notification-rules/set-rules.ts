import type { NotificationRule } from '../../../shared/api/paging';
import { contactMethodsOf, toContactMethod } from '../../db/stores/contact-methods';
import type { Db } from '../../db/client';
import { replaceRules } from '../../db/stores/notification-rules';
import { badRequest } from '../../errors';

/**
 * Replaces a user's rules. A rule may only name one of the user's own contact methods, and only once it is
 * verified: an email address nobody confirmed must not receive pages.
 */
export async function setNotificationRules(db: Db, userId: string, rules: NotificationRule[]): Promise<NotificationRule[]> {
  return db.transaction(async (tx) => {
    const methods = new Map((await contactMethodsOf(tx, userId)).map((row) => [row.id, row]));
    rules.forEach((rule, index) => {
      if (rule.method !== 'contact') return;
      const method = methods.get(rule.contactMethodId!);
      if (!method) throw badRequest(`${index}.contactMethodId: you have no contact method ${rule.contactMethodId}`);
      if (!method.verified) throw badRequest(`${index}.contactMethodId: verify ${toContactMethod(method).summary} first: enter the code sent to it`);
    });
    return replaceRules(tx, userId, rules);
  });
}
