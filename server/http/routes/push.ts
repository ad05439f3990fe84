import { Hono } from 'hono';
import { pushSubscriptionInput, type PushDevice, type TestPagePayload, type VapidPublicKey } from '../../../shared/api/push';
import { deleteSubscription, markSubscriptionResult, subscriptionsOf, upsertSubscription, type SubscriptionRow } from '../../db/stores/push-subscriptions';
import { deviceName } from '../../engine/delivery';
import { badRequest, notFound } from '../../errors';
import { checkPushEndpoint } from '../../push/endpoint-policy';
import { encodePushPayload } from '../../push/page-payload';
import { isP256PublicKey } from '../../push/subscription-key';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

function toDevice(row: SubscriptionRow): PushDevice {
  return {
    id: row.id,
    label: row.label,
    endpointHost: new URL(row.endpoint).host,
    createdAt: row.createdAt.toISOString(),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
  };
}

export const pushRoutes = new Hono<AppEnv>()
  .get('/push/vapid-public-key', (c) => c.json<VapidPublicKey>({ publicKey: c.var.deps.push.vapidPublicKey }))
  .get('/push/subscriptions', requireRole('viewer'), async (c) =>
    c.json({ items: (await subscriptionsOf(c.var.deps.db, currentUser(c).id)).map(toDevice) }),
  )
  .post('/push/subscriptions', requireRole('viewer'), valid('json', pushSubscriptionInput), async (c) => {
    const { db, clock, push } = c.var.deps;
    const body = c.req.valid('json');
    // Only real push services: a subscription must not make the server POST to internal URLs.
    const check = checkPushEndpoint(body.endpoint, push.allowedHosts);
    if (!check.ok) throw badRequest(`endpoint: ${check.reason}`);
    if (!isP256PublicKey(body.keys.p256dh)) throw badRequest('keys.p256dh: must be a public key on the P-256 curve');
    const row = await upsertSubscription(
      db,
      { userId: currentUser(c).id, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth, label: body.label ?? null },
      clock.now(),
    );
    return c.json(toDevice(row), 201);
  })
  .delete('/push/subscriptions/:id', requireRole('viewer'), async (c) => {
    if (!(await deleteSubscription(c.var.deps.db, c.req.param('id'), currentUser(c).id))) throw notFound('device');
    return c.body(null, 204);
  })
  .post('/push/test', requireRole('viewer'), async (c) => {
    const { db, clock, push, publicUrl } = c.var.deps;
    const devices = await subscriptionsOf(db, currentUser(c).id);
    const payload: TestPagePayload = { type: 'test', title: 'Muster test page', url: `${publicUrl ?? ''}/settings`, sentAt: clock.now().toISOString() };
    const results = await Promise.all(
      devices.map(async (device) => {
        const outcome = await push.sender.send(
          { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
          encodePushPayload(payload),
          { ttlSeconds: 60, urgency: 'high' },
        );
        if (outcome.kind === 'gone') await deleteSubscription(db, device.id);
        else await markSubscriptionResult(db, device.id, outcome.kind === 'delivered', clock.now());
        return { deviceId: device.id, device: deviceName(device), outcome: outcome.kind, ...('error' in outcome && { error: outcome.error }) };
      }),
    );
    return c.json({ results });
  });
