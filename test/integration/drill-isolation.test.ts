import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nextDrillDue } from '../../server/db/stores/drills';
import { useDrillSuite } from '../helpers/drill-suite';

const { suite, setup, ok, startNow, drillNow } = useDrillSuite();

describe('a drill that fails in the engine', () => {
  it('does not stop real paging, and is tried again 30 s later instead of at once', async () => {
    const { t, p } = suite;
    const { scenario, service } = await setup();
    const { drill, incident } = await startNow({ scenarioId: scenario.id });
    expect(p.take()).toEqual([`ada-1 #${incident.number}`]);
    // A drill the engine cannot play (its incident link lost): each run that reaches it throws.
    await t.db.update(t.db.t.drills).set({ incidentId: null }).where(eq(t.db.t.drills.id, drill.id));

    t.clock.advance(120_000);
    const real = await ok('POST', '/api/v1/incidents', p.admin.cookie, { serviceId: service.id, title: 'Real checkout outage', severity: 'SEV-1' });
    await t.engine.runOnce();
    expect(p.take()).toEqual([`ada-1 #${real.number}`]);
    expect((await drillNow(drill.id)).injectsDone).toBe(1);
    expect(await nextDrillDue(t.db)).toEqual(new Date(t.clock.now().getTime() + 30_000));
  });
});
