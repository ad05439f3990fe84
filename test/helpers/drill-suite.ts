import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createMailer, type Mailer } from '../../server/channels/mailer';
import { pagingFixture, type PagingFixture } from './paging';
import { startPushEndpoint, type PushEndpoint } from './push-endpoint';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver';
import { createTestApp, type TestApp } from './test-app';

/**
 * A drill test file's setup: drills run on the fake clock through the real pipeline (the engine, the local push
 * service and a real SMTP server); `p.take()` returns exactly the pushes since the last call, so any unexpected
 * page fails a test. Read `t`, `p`, `push`, `smtp` and `mailer` inside tests, once the hooks have run.
 */
export function useDrillSuite() {
  const d = {} as { push: PushEndpoint; smtp: SmtpReceiver; mailer: Mailer; t: TestApp; p: PagingFixture };
  beforeAll(async () => {
    [d.push, d.smtp] = await Promise.all([startPushEndpoint(), startSmtpReceiver()]);
    d.mailer = createMailer({ smtpUrl: d.smtp.smtpUrl, from: 'Muster <muster@example.com>' });
  });
  afterAll(async () => {
    d.mailer.close();
    await Promise.all([d.push.close(), d.smtp.close()]);
  });
  beforeEach(async () => {
    d.t = await createTestApp({ pushAllowedHosts: [d.push.host], pushAgent: d.push.agent, mailer: d.mailer, publicUrl: 'http://localhost' });
    d.p = await pagingFixture(d.t, d.push);
  });
  afterEach(() => d.t.close());

  const call = (method: string, path: string, cookie?: string, body?: unknown) => d.t.request(method, path, { cookie, body });

  async function ok(method: string, path: string, cookie?: string, body?: unknown) {
    const res = await call(method, path, cookie, body);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path}: unexpected ${res.status}: ${res.text}`);
    return res.json;
  }

  /**
   * Ada is step 1, Bob step 2 (each step waits 5 min, no repeat); Cy is on no step. The scenario is the database
   * outage template: injects at 0, 120, 300, 420 (escalate) and 600 s.
   */
  async function setup(options: { adaDevices?: number } = {}) {
    const { p } = d;
    const ada = await p.responder('ada', { devices: options.adaDevices ?? 1 });
    const bob = await p.responder('bob');
    const cy = await p.responder('cy');
    const policy = await p.policy([
      { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
      { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
    ]);
    const service = await p.serviceWithPolicy(policy);
    const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, { template: 'database-outage', serviceId: service.id });
    return { ada, bob, cy, service, scenario };
  }

  return {
    suite: d,
    call,
    ok,
    setup,
    control: (drillId: string, verb: string) => call('POST', `/api/v1/drills/${drillId}/${verb}`, d.p.admin.cookie),
    drillNow: (drillId: string) => ok('GET', `/api/v1/drills/${drillId}`, d.p.admin.cookie),
    /** Pushes since the last take, sorted: pushes to several devices leave in no set order. */
    taken: () => d.p.take().sort(),
    at: (t0: number, seconds: number) => new Date(t0 + seconds * 1000).toISOString(),

    /** The drill_inject events on an incident's timeline, as `index@ISO time`. */
    async injectsOn(incidentId: string): Promise<string[]> {
      return (await d.p.timeline(incidentId)).filter((event) => event.type === 'drill_inject').map((event) => `${event.data.index}@${event.at}`);
    },

    /** Starts a drill now and runs the engine once, as the server does after the request. */
    async startNow(body: Record<string, unknown>) {
      const drill = await ok('POST', '/api/v1/drills', d.p.admin.cookie, body);
      await d.t.engine.runOnce();
      const incident = await ok('GET', `/api/v1/incidents/${drill.incidentId}`, d.p.admin.cookie);
      return { drill, incident, t0: d.t.clock.now().getTime() };
    },
  };
}
