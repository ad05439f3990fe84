import { randomInt } from 'node:crypto';
import { verificationCodeLifetimeMinutes } from '../../channels/email-page';
import { sha256 } from '../../auth/secrets';

/** As long as the email says the code works. */
export const codeLifetimeMs = verificationCodeLifetimeMinutes * 60_000;

/** Five guesses in a million: the code is voided long before guessing could pay off. */
export const maxWrongCodes = 5;

export function newVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The code is short-lived and its tries are counted, so an unsalted hash only has to keep it out of plain sight. */
export function verificationCodeHash(code: string): string {
  return sha256(code);
}
