import { whyMayNotAct } from '../../../shared/api/common';
import type { User } from '../../../shared/api/accounts';
import { verifyPageToken } from '../../auth/page-token';
import type { Db } from '../../db/client';
import { findUser, toUser } from '../../db/stores/users';
import { ApiError, forbidden } from '../../errors';

/**
 * Who a page's signed token lets act, on which incident. A token lives for hours: rights are checked now, as the
 * API would, so a user demoted or deactivated since the page cannot act.
 */
export async function pageTokenHolder(db: Db, key: Buffer, token: string, now: Date): Promise<{ incidentId: string; user: User }> {
  const check = verifyPageToken(key, token, now);
  if (!check.ok) throw new ApiError(401, 'invalid_page_token', `the page token is ${check.reason}; open the app to acknowledge`);
  const row = await findUser(db, check.claims.userId);
  if (!row) throw forbidden('the paged user no longer exists');
  const whyNot = whyMayNotAct(row);
  if (whyNot) throw forbidden(`the paged user ${whyNot}`);
  return { incidentId: check.claims.incidentId, user: toUser(row) };
}
