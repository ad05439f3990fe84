import type { ContactMethodTestResult } from '../../../shared/api/contact-methods';
import type { ChannelOutcome } from '../../channels/channel';
import { createChannelHttp } from '../../channels/http-delivery';
import { emailNotSetUp, sendPage } from '../../channels/send-page';
import { findContactMethod, recordContactFailure, recordContactSuccess, toContactMethod, type ContactMethodRow } from '../../db/stores/contact-methods';
import { conflict, notFound } from '../../errors';
import type { ContactMethodDeps } from './deps';
import { testPageMessage, testWebhookRequest } from './test-message';

/**
 * Sends a test message through the method's channel and records what it met like a page's delivery, so a test
 * that fails counts towards "failing" and one that passes clears it. `appOrigin` is where the message's links lead.
 */
export async function testContactMethod(deps: ContactMethodDeps, userId: string, id: string, appOrigin: string): Promise<ContactMethodTestResult> {
  const { db, clock } = deps;
  const method = await findContactMethod(db, userId, id);
  if (!method) throw notFound(`contact method ${id}`);
  if (!method.verified) throw conflict(`verify ${toContactMethod(method).summary} first: enter the code sent to it`);
  const outcome = await send(deps, method, appOrigin);
  if (outcome.kind === 'delivered') await recordContactSuccess(db, id, clock.now());
  else await recordContactFailure(db, id, outcome.error, clock.now());
  return {
    outcome: outcome.kind,
    ...(outcome.status !== undefined && { status: outcome.status }),
    ...(outcome.kind !== 'delivered' && { error: outcome.error }),
  };
}

async function send(deps: ContactMethodDeps, { config }: ContactMethodRow, appOrigin: string): Promise<ChannelOutcome> {
  const now = deps.clock.now();
  if (config.type === 'email' && !deps.mailer) throw conflict(emailNotSetUp);
  const http = createChannelHttp({ allowedHosts: deps.outgoingAllowedHosts });
  // A webhook's test has its own body, so automation acting on pages can tell it apart.
  if (config.type === 'webhook') return http.post('webhook', testWebhookRequest(config, now));
  return sendPage({ http, mailer: deps.mailer }, config, testPageMessage(appOrigin, now), now);
}
