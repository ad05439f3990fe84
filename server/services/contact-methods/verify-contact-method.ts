import type { Db } from '../../db/client';
import { countWrongCode, lockContactMethod, markContactMethodVerified, toContactMethod, type ContactMethodRow } from '../../db/stores/contact-methods';
import { badRequest, conflict, notFound, type ApiError } from '../../errors';
import { codeLifetimeMs, maxWrongCodes, verificationCodeHash } from './verification-code';

const startOver = 'delete this contact method and add it again for a new code';

/**
 * Confirms an email address with the code mailed to it. A wrong code is counted even though the request fails,
 * so the refusal is returned from the transaction and thrown only after it commits.
 */
export async function verifyContactMethod(db: Db, userId: string, id: string, code: string, now: Date): Promise<ContactMethodRow> {
  const result = await db.transaction(async (tx): Promise<ContactMethodRow | ApiError> => {
    const method = await lockContactMethod(tx, userId, id);
    if (!method) return notFound(`contact method ${id}`);
    if (method.verified) return conflict(`${toContactMethod(method).summary} is already verified`);
    if (method.verificationAttempts >= maxWrongCodes) {
      return badRequest(`code: ${maxWrongCodes} wrong codes were entered, so the code sent no longer works; ${startOver}`);
    }
    if (!method.verificationExpiresAt || method.verificationExpiresAt <= now) {
      return badRequest(`code: the code has expired (codes work for ${codeLifetimeMs / 60_000} minutes); ${startOver}`);
    }
    if (verificationCodeHash(code) === method.verificationCodeHash) return markContactMethodVerified(tx, id);
    const wrong = await countWrongCode(tx, id);
    const left = maxWrongCodes - wrong;
    if (left <= 0) return badRequest(`code: wrong code, and that was the ${maxWrongCodes}th: the code sent no longer works; ${startOver}`);
    return badRequest(`code: wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left`);
  });
  if (result instanceof Error) throw result;
  return result;
}
