import { Hono, type Context } from 'hono';
import { linkIncidentRequest, listActionItemsQuery, saveReviewRequest, updateActionItemRequest } from '../../../shared/api/review';
import { linkedIncidentsOf } from '../../db/stores/reviews';
import { userActor } from '../../services/incidents/actor';
import { completeReview } from '../../services/reviews/complete-review';
import { exportReviewMarkdown } from '../../services/reviews/export-review';
import { linkIncidents } from '../../services/reviews/link-incidents';
import { actionItemsAcrossIncidents } from '../../services/reviews/list-action-items';
import { reopenReview } from '../../services/reviews/reopen-review';
import { incidentForReview, reviewOf } from '../../services/reviews/review-of';
import { saveReview } from '../../services/reviews/save-review';
import { unlinkIncidents } from '../../services/reviews/unlink-incidents';
import { changeActionItem } from '../../services/reviews/update-action-item';
import { currentUser, requireRole } from '../auth';
import type { AppEnv } from '../env';
import { valid } from '../validate';

const actorOf = (c: Context<AppEnv>) => userActor(currentUser(c));

/** The post-incident review, its action items (also across incidents) and linked incidents. */
export const reviewRoutes = new Hono<AppEnv>()
  .get('/incidents/:id/review', requireRole('viewer'), async (c) => c.json(await reviewOf(c.var.deps.db, c.req.param('id'))))
  .put('/incidents/:id/review', requireRole('responder'), valid('json', saveReviewRequest), async (c) =>
    c.json(await saveReview(c.var.deps, c.req.param('id'), c.req.valid('json'), actorOf(c))),
  )
  .post('/incidents/:id/review/complete', requireRole('responder'), async (c) => c.json(await completeReview(c.var.deps, c.req.param('id'), actorOf(c))))
  .post('/incidents/:id/review/reopen', requireRole('responder'), async (c) => c.json(await reopenReview(c.var.deps, c.req.param('id'), actorOf(c))))
  .get('/incidents/:id/review.md', requireRole('viewer'), async (c) => {
    const markdown = await exportReviewMarkdown(c.var.deps.db, c.req.param('id'));
    const number = /^# Post-incident review: #(\d+)/.exec(markdown)?.[1] ?? 'incident';
    return c.body(markdown, 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="incident-${number}-review.md"`,
    });
  })
  .get('/incidents/:id/links', requireRole('viewer'), async (c) => {
    await incidentForReview(c.var.deps.db, c.req.param('id'));
    return c.json({ items: await linkedIncidentsOf(c.var.deps.db, c.req.param('id')) });
  })
  .post('/incidents/:id/links', requireRole('responder'), valid('json', linkIncidentRequest), async (c) =>
    c.json({ items: await linkIncidents(c.var.deps, c.req.param('id'), c.req.valid('json'), actorOf(c)) }, 201),
  )
  .delete('/incidents/:id/links/:linkedId', requireRole('responder'), async (c) => {
    await unlinkIncidents(c.var.deps, c.req.param('id'), c.req.param('linkedId'), actorOf(c));
    return c.body(null, 204);
  })
  .get('/action-items', requireRole('viewer'), valid('query', listActionItemsQuery), async (c) =>
    c.json({ items: await actionItemsAcrossIncidents(c.var.deps.db, c.req.valid('query').status, c.var.deps.clock.now()) }),
  )
  .patch('/action-items/:id', requireRole('responder'), valid('json', updateActionItemRequest), async (c) =>
    c.json(await changeActionItem(c.var.deps, c.req.param('id'), c.req.valid('json'))),
  );
