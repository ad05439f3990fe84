import { Hono } from 'hono';
import { onCallQuery, overrideInput, scheduleInput, type ScheduleInput } from '../../../shared/api/schedules';
import type { Tx } from '../../db/client';
import { deleteOverride, findOverride, findScheduleRow, insertOverride, insertSchedule, listScheduleRows, overridesOf, replaceSchedule } from '../../db/stores/schedules';
import { userForApiToken } from '../../db/stores/credentials';
import { findUser, userNames } from '../../db/stores/users';
import { unreachableUsers } from '../../db/stores/reachability';
import { badRequest, forbidden, notFound, unauthorized } from '../../errors';
import { myOnCall, onCallNow, scheduleShifts, toOverride, toSchedule } from '../../services/schedules/on-call';
import { shiftsToICalendar } from '../../../shared/domain/ical';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

async function assertUsersExist(tx: Tx, input: ScheduleInput): Promise<void> {
  for (const [index, layer] of input.layers.entries()) {
    for (const userId of layer.users) {
      if (!(await findUser(tx, userId))) throw badRequest(`layers.${index}.users: no user with id ${userId}`);
    }
  }
}

async function scheduleOr404(tx: Tx, id: string) {
  const row = await findScheduleRow(tx, id);
  if (!row) throw notFound(`schedule ${id}`);
  return row;
}

const farFuture = new Date('9999-01-01T00:00:00Z');
const dayMs = 86_400_000;

export const scheduleRoutes = new Hono<AppEnv>()
  .get('/schedules', requireRole('viewer'), async (c) => c.json({ items: (await listScheduleRows(c.var.deps.db)).map(toSchedule) }))
  .post('/schedules', requireRole('admin'), valid('json', scheduleInput), async (c) => {
    const { db, clock } = c.var.deps;
    const input = c.req.valid('json');
    const row = await db.transaction(async (tx) => {
      await assertUsersExist(tx, input);
      return insertSchedule(tx, { ...input, description: input.description ?? null, createdAt: clock.now() });
    });
    return c.json(toSchedule(row), 201);
  })
  // Calendar apps cannot send headers, so the feed also takes an API token as `?token=`.
  .get('/schedules/:file{[^/]+\\.ics}', async (c) => {
    const { db, clock } = c.var.deps;
    const token = c.req.query('token');
    if (!c.var.user && !(token && (await userForApiToken(db, token, clock.now())))) throw unauthorized('sign in, or add ?token=<API token> to the feed URL');
    const row = await scheduleOr404(db, c.req.param('file').slice(0, -'.ics'.length));
    const now = clock.now();
    const shifts = await scheduleShifts(db, row, new Date(now.getTime() - 7 * dayMs), new Date(now.getTime() + 60 * dayMs));
    const names = await userNames(db, [...new Set(shifts.map((shift) => shift.userId))]);
    const body = shiftsToICalendar({
      calendarName: `${row.name} on call`,
      shifts: shifts.map((shift) => ({ ...shift, userName: names.get(shift.userId), start: new Date(shift.start), end: new Date(shift.end) })),
      now,
    });
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${row.id}.ics"` });
  })
  .get('/schedules/:id', requireRole('viewer'), async (c) => {
    const { db, clock } = c.var.deps;
    const row = await scheduleOr404(db, c.req.param('id'));
    return c.json({ ...toSchedule(row), overrides: (await overridesOf(db, row.id, clock.now(), farFuture)).map(toOverride) });
  })
  .put('/schedules/:id', requireRole('admin'), valid('json', scheduleInput), async (c) => {
    const input = c.req.valid('json');
    const row = await c.var.deps.db.transaction(async (tx) => {
      await assertUsersExist(tx, input);
      return replaceSchedule(tx, c.req.param('id'), { ...input, description: input.description ?? null });
    });
    if (!row) throw notFound(`schedule ${c.req.param('id')}`);
    return c.json(toSchedule(row));
  })
  .get('/schedules/:id/on-call', requireRole('viewer'), valid('query', onCallQuery), async (c) => {
    const { db, clock } = c.var.deps;
    const { at } = c.req.valid('query');
    return c.json(await onCallNow(db, await scheduleOr404(db, c.req.param('id')), at ? new Date(at) : clock.now()));
  })
  .post('/schedules/:id/overrides', requireRole('responder'), valid('json', overrideInput), async (c) => {
    const { db, clock } = c.var.deps;
    const input = c.req.valid('json');
    const me = currentUser(c);
    // Responders may take a shift themselves; putting someone else on call is an admin's call.
    if (input.userId !== me.id && me.role !== 'admin') throw forbidden('only admins may put someone else on call');
    const override = await db.transaction(async (tx) => {
      const schedule = await scheduleOr404(tx, c.req.param('id'));
      if (!(await findUser(tx, input.userId))) throw badRequest(`userId: no user with id ${input.userId}`);
      const id = await insertOverride(tx, { scheduleId: schedule.id, userId: input.userId, startsAt: new Date(input.start), endsAt: new Date(input.end), createdAt: clock.now() });
      return (await findOverride(tx, schedule.id, id))!;
    });
    return c.json(toOverride(override), 201);
  })
  .delete('/schedules/:id/overrides/:overrideId', requireRole('responder'), async (c) => {
    const me = currentUser(c);
    await c.var.deps.db.transaction(async (tx) => {
      const override = await findOverride(tx, c.req.param('id'), c.req.param('overrideId'));
      if (!override) throw notFound('override');
      // Overrides record no creator: a responder may take back their own time on call, not someone else's.
      if (override.userId !== me.id && me.role !== 'admin') throw forbidden("only admins may remove someone else's override");
      await deleteOverride(tx, override.scheduleId, override.id);
    });
    return c.body(null, 204);
  });

export const myOnCallRoutes = new Hono<AppEnv>()
  .get('/me/on-call', async (c) => c.json(await myOnCall(c.var.deps.db, currentUser(c).id, c.var.deps.clock.now())))
  .get('/on-call/unreachable', requireRole('viewer'), async (c) => c.json({ items: await unreachableUsers(c.var.deps.db) }));
