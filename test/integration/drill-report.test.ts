import { describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();

async function ok(method: string, path: string, cookie: string, body?: unknown, expected = [200, 201]) {
  const res = await suite.t.request(method, path, { cookie, body });
  if (!expected.includes(res.status)) throw new Error(`unexpected ${res.status} for ${method} ${path}: ${res.text}`);
  return res.json;
}

const t0 = '2026-03-02T03:00:00.000Z';
const at = (base: string, seconds: number) => new Date(new Date(base).getTime() + seconds * 1000).toISOString();

/**
 * Ada (phones ada-1 and ada-2) is step 1 and Bob step 2 after 5 min; the service's runbook has three steps. The
 * scenario is SEV-1, so the first status update is measured against 30 min.
 */
async function setup() {
  const { p } = suite;
  const ada = await p.responder('ada', { devices: 2 });
  const bob = await p.responder('bob');
  const policy = await p.policy([
    { delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] },
    { delaySeconds: 300, targets: [{ type: 'user', id: bob.user.id }] },
  ]);
  const service = await p.serviceWithPolicy(policy);
  await ok('PUT', `/api/v1/services/${service.id}/runbook`, p.admin.cookie, { markdown: '# Failover\n\n- [ ] Check replica lag\n- [ ] Promote the replica\n- [ ] Tell support\n' });
  const scenario = await ok('POST', '/api/v1/drills/scenarios', p.admin.cookie, {
    name: 'Database *outage* <b>',
    serviceId: service.id,
    severity: 'SEV-1',
    title: 'Primary database unreachable',
    injects: [{ afterSeconds: 0, kind: 'alert', text: 'checkout error rate 40 %' }],
  });
  return { ada, bob, service, scenario };
}

/** Starts a drill of the scenario now and lets the engine page step 1. */
async function startDrill(scenarioId: string) {
  const drill = await ok('POST', '/api/v1/drills', suite.p.admin.cookie, { scenarioId });
  await suite.t.engine.runOnce();
  const incident = await ok('GET', `/api/v1/incidents/${drill.incidentId}`, suite.p.admin.cookie);
  return { drill, incident };
}

const measure = (key: string, unit: string, lowerIsBetter: boolean, label: string) => ({ key, unit, lowerIsBetter, label });
const measureKeys = [
  measure('firstPageDelivered', 'seconds', true, 'Time to first page delivered'),
  measure('acknowledged', 'seconds', true, 'Time to acknowledge'),
  measure('commanderAssigned', 'seconds', true, 'Time to commander assigned'),
  measure('firstStatusUpdate', 'seconds', true, 'Time to first status update'),
  measure('runbookSteps', 'percent', false, 'Runbook steps completed'),
  measure('escalations', 'count', true, 'Escalations needed'),
  measure('failedPages', 'count', true, 'Pages that failed to deliver'),
];
const measuresOf = (rows: Array<[number | null, number | null, number | null]>) =>
  measureKeys.map((definition, index) => ({ ...definition, value: rows[index][0], previous: rows[index][1], best: rows[index][2] }));

describe('drill scorecard', () => {
  it('measures a drill from its timeline and outbox, scores it, and compares the next drill of the scenario with it', async () => {
    const { p, push } = suite;
    const { ada, bob, scenario } = await setup();
    const viewer = await suite.t.signedInUser('viewer', 'Vic');
    // ada-2 is a phone the push service has forgotten: its page fails with 410.
    push.respondWith(ada.subscriptions[1], { status: 410 });

    // Drill 1 at t0: Ada acknowledges at +3 min, takes command at +4, updates stakeholders at +9, ticks 2 of 3
    // runbook steps and resolves at +12.
    const first = await startDrill(scenario.id);
    expect(p.take().sort()).toEqual([`ada-1 #${first.incident.number}`, `ada-2 #${first.incident.number}`]);
    const incidentId = first.drill.incidentId;
    await p.advance(180);
    await ok('POST', `/api/v1/incidents/${incidentId}/acknowledge`, ada.cookie);
    await p.advance(60);
    await ok('PUT', `/api/v1/incidents/${incidentId}/roles`, ada.cookie, { commander: ada.user.id });
    await p.advance(300);
    await ok('POST', `/api/v1/incidents/${incidentId}/status-updates`, ada.cookie, { text: 'Failing over to the replica', audience: 'stakeholders' });
    await p.advance(60);
    await ok('POST', `/api/v1/incidents/${incidentId}/runbook-steps`, ada.cookie, { index: 0, done: true });
    await p.advance(60);
    await ok('POST', `/api/v1/incidents/${incidentId}/runbook-steps`, ada.cookie, { index: 1, done: true });
    await p.advance(60);
    await ok('POST', `/api/v1/incidents/${incidentId}/resolve`, ada.cookie);
    expect(p.take()).toEqual([]);

    // Acknowledged in 3 min: 30. Commander in 4 min: 20. Update in 9 of 30 min: 20. Runbook 2 of 3: 10. One failed page: 10.
    const report = await ok('GET', `/api/v1/drills/${first.drill.id}/report`, viewer.cookie);
    expect(report).toEqual({
      drillId: first.drill.id,
      name: 'Database *outage* <b>',
      scenarioId: scenario.id,
      status: 'finished',
      startedAt: t0,
      endedAt: at(t0, 720),
      incidentId,
      incidentNumber: first.incident.number,
      score: 90,
      previousScores: [],
      timeToFirstPageDeliveredSeconds: 0,
      timeToAcknowledgeSeconds: 180,
      participants: [{ userId: ada.user.id, name: 'ada', firstPagedAt: t0, firstDeliveredAt: t0, acknowledgedAfterSeconds: 180 }],
      timeToCommanderSeconds: 240,
      timeToFirstStatusUpdateSeconds: 540,
      runbookSteps: { done: 2, total: 3 },
      escalations: 0,
      failedPages: [{ userId: ada.user.id, name: 'ada', channel: 'push', target: 'ada-2', error: 'the push service no longer knows this device (HTTP 410)' }],
      measures: measuresOf([
        [0, null, null],
        [180, null, null],
        [240, null, null],
        [540, null, null],
        [67, null, null],
        [0, null, null],
        [1, null, null],
      ]),
    });
    expect((await ok('GET', `/api/v1/drills/${first.drill.id}`, viewer.cookie)).score).toBe(90);

    // Drill 2 an hour later: nobody on step 1 answers, Bob is paged at +5 min, acknowledges at +10, takes command
    // at +20, ticks every step, posts no update, resolves at +25. ada-2 was removed after its 410: nothing fails.
    await p.advance(3600 - 720);
    const t1 = at(t0, 3600);
    const second = await startDrill(scenario.id);
    expect(p.take()).toEqual([`ada-1 #${second.incident.number}`]);
    await p.advance(300);
    expect(p.take()).toEqual([`bob-1 #${second.incident.number}`]);
    await p.advance(300);
    await ok('POST', `/api/v1/incidents/${second.drill.incidentId}/acknowledge`, bob.cookie);
    await p.advance(600);
    await ok('PUT', `/api/v1/incidents/${second.drill.incidentId}/roles`, bob.cookie, { commander: bob.user.id });
    for (const index of [0, 1, 2]) await ok('POST', `/api/v1/incidents/${second.drill.incidentId}/runbook-steps`, bob.cookie, { index, done: true });
    await p.advance(300);
    await ok('POST', `/api/v1/incidents/${second.drill.incidentId}/resolve`, bob.cookie);

    // Acknowledged at 10 min: 30 × 20/25 = 24. Commander at 20 min: 20 × 10/20 = 10. No update: 0. Runbook: 15. No failures: 15.
    const next = await ok('GET', `/api/v1/drills/${second.drill.id}/report`, viewer.cookie);
    expect(next).toMatchObject({
      score: 64,
      startedAt: t1,
      previousScores: [{ drillId: first.drill.id, startedAt: t0, score: 90 }],
      timeToFirstPageDeliveredSeconds: 0,
      timeToAcknowledgeSeconds: 600,
      participants: [
        { userId: ada.user.id, name: 'ada', firstPagedAt: t1, firstDeliveredAt: t1, acknowledgedAfterSeconds: null },
        { userId: bob.user.id, name: 'bob', firstPagedAt: at(t1, 300), firstDeliveredAt: at(t1, 300), acknowledgedAfterSeconds: 600 },
      ],
      timeToCommanderSeconds: 1200,
      timeToFirstStatusUpdateSeconds: null,
      runbookSteps: { done: 3, total: 3 },
      escalations: 1,
      failedPages: [],
    });
    expect(next.measures).toEqual(
      measuresOf([
        [0, 0, 0],
        [600, 180, 180],
        [1200, 240, 240],
        [null, 540, 540],
        [100, 67, 67],
        [1, 0, 0],
        [0, 1, 1],
      ]),
    );
    // The first drill is compared with nothing later: only earlier drills count.
    expect((await ok('GET', `/api/v1/drills/${first.drill.id}/report`, viewer.cookie)).previousScores).toEqual([]);
    const history = await ok('GET', `/api/v1/drills?scenarioId=${scenario.id}`, viewer.cookie);
    expect(history.items.map((drill: { id: string; score: number | null }) => [drill.id, drill.score])).toEqual([
      [second.drill.id, 64],
      [first.drill.id, 90],
    ]);

    // The Markdown export: the same figures for people, user text escaped.
    const res = await suite.t.request('GET', `/api/v1/drills/${second.drill.id}/report.md`, { cookie: viewer.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="drill-database-outage-b-2026-03-02.md"');
    const md = res.text;
    expect(md).toContain('# Drill scorecard: Database \\*outage\\* &lt;b&gt;\n');
    expect(md).not.toContain('<b>');
    expect(md).toContain('- **Score:** 64 / 100 (previous 90, best 90)\n');
    expect(md).toContain('- **Scenario:** Primary database unreachable · SEV-1 · ');
    expect(md).toContain('- **Drill:** finished · started 2026-03-02 04:00:00 UTC · ended 2026-03-02 04:25:00 UTC\n');
    expect(md).toContain('| Measure | This drill | Previous | Best | Against previous |\n| --- | --- | --- | --- | --- |\n');
    expect(md).toContain('| Time to first page delivered | 0 s | 0 s | 0 s | same |\n');
    expect(md).toContain('| Time to acknowledge | 10 min | 3 min | 3 min | worse |\n');
    expect(md).toContain('| Time to first status update | never | 9 min | 9 min | worse |\n');
    expect(md).toContain('The first status update is measured against 30 min for a SEV-1 drill.\n');
    expect(md).toContain('| Runbook steps completed | 100 % | 67 % | 67 % | better |\n');
    expect(md).toContain('| Pages that failed to deliver | 0 | 1 | 1 | better |\n');
    expect(md).toContain('| Acknowledged (full within 5 min, none from 30 min) | 24 of 30 |\n');
    expect(md).toContain('| ada | +0 s | +0 s | — |\n| bob | +5 min | +5 min | +10 min |\n');
    expect(md).toContain('## Pages that failed to deliver\n\n_None: every page reached a device or contact method._\n');
    expect(md).toContain('## Earlier drills of this scenario\n\n| Started | Score |\n| --- | --- |\n| 2026-03-02 03:00:00 UTC | 90 |\n');

    const firstMd = (await suite.t.request('GET', `/api/v1/drills/${first.drill.id}/report.md`, { cookie: viewer.cookie })).text;
    expect(firstMd).toContain('- **Score:** 90 / 100 (the first drill of this scenario)\n');
    expect(firstMd).toContain('## Pages that failed to deliver\n\n- ada · push · ada-2: the push service no longer knows this device \\(HTTP 410\\)\n');
  });

  it('lists a participant without a device among the failed pages, and scores a drill only once it is over', async () => {
    const { p } = suite;
    const { scenario } = await setup();
    const cy = await suite.t.signedInUser('responder', 'Cy');
    const drill = await ok('POST', '/api/v1/drills', p.admin.cookie, { scenarioId: scenario.id, participants: [cy.user.id] });
    await suite.t.engine.runOnce();
    expect(p.take()).toEqual([]);

    const running = await ok('GET', `/api/v1/drills/${drill.id}/report`, p.admin.cookie);
    expect(running).toMatchObject({
      status: 'running',
      score: null,
      timeToFirstPageDeliveredSeconds: null,
      timeToAcknowledgeSeconds: null,
      participants: [{ userId: cy.user.id, name: 'Cy', firstPagedAt: null, firstDeliveredAt: null, acknowledgedAfterSeconds: null }],
      failedPages: [{ userId: cy.user.id, name: 'Cy', channel: 'push', target: 'no registered device', error: null }],
      runbookSteps: { done: 0, total: 3 },
    });
    const md = (await suite.t.request('GET', `/api/v1/drills/${drill.id}/report.md`, { cookie: p.admin.cookie })).text;
    expect(md).toContain('- **Score:** not scored until the drill is over (it is running)\n');
    expect(md).toContain('| Time to acknowledge | not yet | — | — | — |\n');
    expect(md).not.toContain('## How the score adds up');

    // Aborted at +1 min: nobody acknowledged or took command, no update, no steps; one failed page. 0 + 0 + 0 + 0 + 10.
    await p.advance(60);
    const aborted = await ok('POST', `/api/v1/drills/${drill.id}/abort`, p.admin.cookie);
    expect(aborted).toMatchObject({ status: 'aborted', score: 10 });
    expect(await ok('GET', `/api/v1/drills/${drill.id}/report`, p.admin.cookie)).toMatchObject({ score: 10, timeToAcknowledgeSeconds: null });
  });

  it('answers 404 for a drill that does not exist', async () => {
    const { p } = suite;
    const id = crypto.randomUUID();
    for (const path of ['report', 'report.md']) {
      const res = await suite.t.request('GET', `/api/v1/drills/${id}/${path}`, { cookie: p.admin.cookie });
      expect(res.status).toBe(404);
      expect(res.json.error).toEqual({ code: 'not_found', message: `drill ${id} not found` });
    }
  });
});
