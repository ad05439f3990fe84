import type { User } from '../../shared/api/accounts';
import type { Mailer } from '../channels/mailer';
import type { VerificationThrottle } from '../services/contact-methods/verification-throttle';
import type { AlertIntake } from '../detection/alert-intake';
import type { IntegrationKeys } from '../detection/integration-key';
import type { EventRateLimiter } from '../detection/rate-limit';
import type { PushSender } from '../push/sender';
import type { Runtime } from '../runtime';

export interface AppDeps extends Runtime {
  /** The address phones use; decides whether cookies are marked Secure. */
  publicUrl?: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Folder holding the built PWA; omitted in API-only tests. */
  staticRoot?: string;
  /** Signs the tokens that let a notification's Acknowledge action work without a session. */
  pageTokenKey: Buffer;
  /** Caps the events each integration key may send. */
  eventLimiter: EventRateLimiter;
  /** Applies monitoring tools' events, committing those that arrive together at once. */
  alertIntake: AlertIntake;
  /** Which service each integration key names. */
  integrationKeys: IntegrationKeys;
  /** Sends email (verification codes, pages); absent when the operator has not set SMTP up. */
  mailer?: Mailer;
  /** Entries of MUSTER_OUTGOING_ALLOWED_HOSTS: internal hosts that ntfy, webhook and chat methods may call. */
  outgoingAllowedHosts: string[];
  /** Caps the verification emails each user may have sent. */
  verificationThrottle: VerificationThrottle;
  push: {
    vapidPublicKey: string;
    allowedHosts: string[];
    sender: PushSender;
  };
}

export type AuthUser = User;

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: AuthUser | null;
    /** How `user` was identified: a session cookie is sent by browsers on their own, a token never is. */
    signedInBy: 'session' | 'token' | null;
    /** Set when the response shows a secret: what an Idempotency-Key replay gets instead. */
    replayBody?: string;
  };
}
