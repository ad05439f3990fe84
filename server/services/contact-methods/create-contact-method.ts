import type { CreateContactMethodInput } from '../../../shared/api/contact-methods';
import { verificationEmail } from '../../channels/email-page';
import { checkChannelUrl } from '../../channels/outgoing-policy';
import { insertContactMethod, type ContactMethodRow } from '../../db/stores/contact-methods';
import { findUser } from '../../db/stores/users';
import { ApiError, badRequest, conflict, notFound, tooManyRequests } from '../../errors';
import { emailNotSetUp } from '../../channels/send-page';
import type { ContactMethodDeps } from './deps';
import { codeLifetimeMs, newVerificationCode, verificationCodeHash } from './verification-code';

/**
 * Email addresses start unverified, with a code mailed to them: a typo must not swallow pages, nor send them to
 * a stranger. The other types are verified at once, their URLs checked against the outgoing-URL policy so that a
 * user cannot make Muster call into its own network.
 */
export async function createContactMethod(deps: ContactMethodDeps, userId: string, input: CreateContactMethodInput): Promise<ContactMethodRow> {
  const { db, clock } = deps;
  if (!(await findUser(db, userId))) throw notFound(`user ${userId}`);
  const now = clock.now();
  const row = { id: crypto.randomUUID(), userId, type: input.type, config: input, createdAt: now };
  if (input.type !== 'email') {
    checkUrl(deps, input);
    return insertContactMethod(db, { ...row, verified: true });
  }

  if (!deps.mailer) throw conflict(emailNotSetUp);
  const allowed = deps.verificationThrottle.take(userId);
  if (!allowed.ok) throw tooManyRequests(allowed.retryAfterSeconds, `too many verification emails in the last hour; try again in ${Math.ceil(allowed.retryAfterSeconds / 60)} min`);
  const code = newVerificationCode();
  // Sent before anything is stored: a method whose code never left would wait unverified for nothing.
  const outcome = await deps.mailer.send({ to: input.address, ...verificationEmail(code) });
  if (outcome.kind !== 'delivered') throw new ApiError(502, 'mail_not_sent', `could not send the verification code to ${input.address}: ${outcome.error}`);
  return insertContactMethod(db, {
    ...row,
    verified: false,
    verificationCodeHash: verificationCodeHash(code),
    verificationExpiresAt: new Date(now.getTime() + codeLifetimeMs),
  });
}

/** The URL each type calls, and the field that names it. */
function calledUrl(input: Exclude<CreateContactMethodInput, { type: 'email' }>): [field: string, url: string] {
  switch (input.type) {
    // Topics are appended to the server's root, so "https://ntfy.sh" is checked as the canonical "https://ntfy.sh/".
    case 'ntfy':
      return ['serverUrl', `${input.serverUrl.replace(/\/+$/, '')}/`];
    case 'webhook':
      return ['url', input.url];
    case 'slack':
      return ['webhookUrl', input.webhookUrl];
  }
}

function checkUrl(deps: ContactMethodDeps, input: Exclude<CreateContactMethodInput, { type: 'email' }>): void {
  const [field, url] = calledUrl(input);
  const check = checkChannelUrl(url, deps.outgoingAllowedHosts);
  if (!check.ok) throw badRequest(`${field}: ${check.reason}`);
}
