import type { Mailer } from '../../channels/mailer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import type { VerificationThrottle } from './verification-throttle';

/** What the contact-method verbs reach besides the database: the app's deps fit it. */
export interface ContactMethodDeps {
  db: Db;
  clock: Clock;
  /** Absent when the operator has not set SMTP up: email methods are then refused. */
  mailer?: Mailer;
  /** Entries of MUSTER_OUTGOING_ALLOWED_HOSTS: internal hosts that ntfy, webhook and chat methods may call. */
  outgoingAllowedHosts: readonly string[];
  /** Caps the verification emails each user may have sent. */
  verificationThrottle: VerificationThrottle;
}
