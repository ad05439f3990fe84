import type { CreateServiceWebhookInput, ServiceWebhook } from '../../../shared/api/service-webhooks';
import { maxWebhooksPerService, serviceEventTypes } from '../../../shared/domain/service-events';
import { checkChannelUrl } from '../../channels/outgoing-policy';
import { countServiceWebhooks, insertServiceWebhook, toServiceWebhook } from '../../db/stores/service-webhooks';
import { findService } from '../../db/stores/services';
import { badRequest, conflict, notFound } from '../../errors';
import type { ServiceWebhookDeps } from './deps';

/**
 * The URL is checked against the outgoing-URL policy, like a contact method's, so that nobody can make Muster
 * call into its own network. The service's row stays locked while its webhooks are counted: two admins adding
 * the last one allowed at once on two instances cannot both get in.
 */
export async function createServiceWebhook(deps: ServiceWebhookDeps, serviceId: string, input: CreateServiceWebhookInput): Promise<ServiceWebhook> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const service = await findService(tx, serviceId, { lock: true });
    if (!service) throw notFound(`service ${serviceId}`);
    const check = checkChannelUrl(input.url, deps.outgoingAllowedHosts);
    if (!check.ok) throw badRequest(`url: ${check.reason}`);
    if ((await countServiceWebhooks(tx, serviceId)) >= maxWebhooksPerService) {
      throw conflict(`${service.name} already has ${maxWebhooksPerService} webhooks, the most a service may have; delete one first`);
    }
    const row = await insertServiceWebhook(tx, {
      id: crypto.randomUUID(),
      serviceId,
      url: input.url,
      secret: input.secret ?? null,
      // Kept in the list's order whatever order they were named in, once each.
      events: serviceEventTypes.filter((type) => !input.events || input.events.includes(type)),
      createdAt: clock.now(),
    });
    return toServiceWebhook(row, []);
  });
}
