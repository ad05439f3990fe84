import { z } from 'zod';
import { email } from './common';
import { singleLineText } from './text';

import type { ContactMethodType } from '../domain/contact-methods';

export type { ContactMethodType };

const url = singleLineText().max(2048).pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }));
const secret = singleLineText().min(1, 'must not be empty').max(256);

/** `POST /api/v1/me/contact-methods` (and `/api/v1/users/:id/contact-methods` for admins). */
export const createContactMethodRequest = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('email'), address: email }),
    z.object({
      type: z.literal('ntfy'),
      /** The ntfy server, e.g. https://ntfy.sh or a self-hosted one. */
      serverUrl: url,
      topic: singleLineText().regex(/^[-_A-Za-z0-9]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'),
      accessToken: secret.optional(),
    }),
    z.object({ type: z.literal('webhook'), url, secret: secret.optional() }),
    /** A Slack-compatible incoming webhook: Slack, Mattermost, Rocket.Chat. */
    z.object({ type: z.literal('slack'), webhookUrl: url }),
  ],
  { error: 'type must be one of email, ntfy, webhook, slack' },
);
export type CreateContactMethodInput = z.infer<typeof createContactMethodRequest>;

/** `POST …/contact-methods/:id/verify`: the code an email verification message carried. */
export const verifyContactMethodRequest = z.object({ code: singleLineText().regex(/^\d{6}$/, 'must be the 6-digit code from the email') });

/**
 * A way to reach someone besides push. Secrets (ntfy access token, webhook secret, the Slack hook's path) are
 * never sent back: `summary` says which one it is ("dana@example.com", "ntfy.sh · muster-dana",
 * "hooks.slack.com").
 */
export interface ContactMethod {
  id: string;
  userId: string;
  type: ContactMethodType;
  summary: string;
  /** Email addresses are unusable until the code sent to them is confirmed; other types are verified at once. */
  verified: boolean;
  /** Several deliveries in a row failed: shown to its owner in red. */
  failing: boolean;
  lastError: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  createdAt: string;
}

/** `POST …/contact-methods/:id/test`: what a test message met. */
export interface ContactMethodTestResult {
  outcome: 'delivered' | 'retryable' | 'rejected';
  status?: number;
  error?: string;
}
