import type { Agent } from 'node:https';
import { createApp } from './app';
import { createChannelHttp } from './channels/http-delivery';
import type { Mailer } from './channels/mailer';
import { VerificationThrottle } from './services/contact-methods/verification-throttle';
import type { Clock } from './clock';
import { relayIncidentChanges } from './cluster/relay';
import { loadSharedKeys } from './cluster/shared-keys';
import type { Db } from './db/client';
import { AlertIntake } from './detection/alert-intake';
import { IntegrationKeys } from './detection/integration-key';
import { defaultEventsPerMinute, EventRateLimiter } from './detection/rate-limit';
import { Engine } from './engine/engine';
import { IncidentEvents } from './events/incident-events';
import { createPushSender } from './push/sender';
import type { Runtime } from './runtime';

export interface MusterOptions {
  db: Db;
  clock: Clock;
  dataDir: string;
  vapidSubject: string;
  publicUrl?: string;
  staticRoot?: string;
  trustProxy?: boolean;
  /** Entries of MUSTER_PUSH_ALLOWED_HOSTS: extra push service hosts allowed for subscribing and sending. */
  pushAllowedHosts?: string[];
  /** Sends email; without it email contact methods are refused (SMTP_URL and MUSTER_MAIL_FROM unset). */
  mailer?: Mailer;
  /** Entries of MUSTER_OUTGOING_ALLOWED_HOSTS: internal hosts that ntfy, webhook and chat methods may call. */
  outgoingAllowedHosts?: string[];
  /** HTTPS agent for push delivery (tests pass one trusting their local push service). */
  pushAgent?: Agent;
  /** Real engine timers; false lets tests drive `engine.runOnce()` on a fake clock. */
  timers?: boolean;
  /** Events a minute one integration key may send (MUSTER_EVENTS_PER_MINUTE). */
  eventsPerMinute?: number;
}

/** Wires one Muster instance: runtime, paging engine and HTTP app, sharing one database. */
export async function createMuster(options: MusterOptions) {
  const { db, clock, dataDir } = options;
  const instanceId = crypto.randomUUID();
  const events = new IncidentEvents();
  if (db.broadcast) await relayIncidentChanges(events, db.broadcast, instanceId);
  const { vapid, pageTokenKey } = await loadSharedKeys(db, dataDir, options.vapidSubject, clock.now());
  const pushAllowedHosts = options.pushAllowedHosts ?? [];
  const outgoingAllowedHosts = options.outgoingAllowedHosts ?? [];
  const sender = createPushSender({ vapid, allowedHosts: pushAllowedHosts, agent: options.pushAgent });
  const engine = new Engine({
    db,
    clock,
    sender,
    channels: { http: createChannelHttp({ allowedHosts: outgoingAllowedHosts }), mailer: options.mailer },
    tokenKey: pageTokenKey,
    instanceId,
    publicUrl: options.publicUrl,
    timers: options.timers ?? true,
    onIncidentChanged: (incidentId) => events.publish({ incidentId, reason: 'paging' }),
  });
  const wakeEngine = () => {
    engine.wake();
    engine.announce().catch((err: Error) => console.error('Could not wake the other instances’ engines:', err.message));
  };
  const runtime: Runtime = { db, clock, events, wakeEngine };
  const app = createApp({
    ...runtime,
    publicUrl: options.publicUrl,
    staticRoot: options.staticRoot,
    trustProxy: options.trustProxy,
    pageTokenKey,
    eventLimiter: new EventRateLimiter(clock, options.eventsPerMinute ?? defaultEventsPerMinute),
    integrationKeys: new IntegrationKeys(clock),
    alertIntake: new AlertIntake(runtime),
    mailer: options.mailer,
    outgoingAllowedHosts,
    verificationThrottle: new VerificationThrottle(clock),
    push: { vapidPublicKey: vapid.publicKey, allowedHosts: pushAllowedHosts, sender },
  });
  return { app, engine, runtime };
}
