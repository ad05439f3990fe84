import { Hono, type Context } from 'hono';
import type { IncidentDetail } from '../../../shared/api/incidents';
import { escapeHtml } from '../../channels/email-page';
import { ApiError } from '../../errors';
import { acknowledgeFromPage } from '../../services/incidents/acknowledge-from-page';
import { incidentDetail } from '../../services/incidents/incident-detail';
import { pageTokenHolder } from '../../services/incidents/page-token-user';
import type { AppEnv } from '../env';

/** A plain page, readable on any phone without the app: links in emails and chat messages open here. */
function page(c: Context<AppEnv>, status: 200 | 400 | 401 | 403 | 404 | 409, title: string, body: string) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Muster</title></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return c.html(html, status, { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
}

const headline = (incident: IncidentDetail) => `#${incident.number} ${incident.title}`;
const openLink = (incident: IncidentDetail) => `<p><a href="/incidents/${encodeURIComponent(incident.id)}">Open the incident in Muster</a></p>`;

/** Why the page's token cannot act, as a page instead of the API's JSON error. */
function refused(c: Context<AppEnv>, err: unknown) {
  if (!(err instanceof ApiError)) throw err;
  return page(c, err.status as 401 | 403 | 404 | 409, 'Cannot acknowledge from this link', `<p>${escapeHtml(err.message)}.</p>`);
}

/**
 * The acknowledge link in page emails and chat messages. Mail scanners and link previews open links by
 * themselves, so opening one only asks; the button (a POST carrying the signed page token in its URL) acts.
 */
export const acknowledgePageRoutes = new Hono<AppEnv>()
  .get('/ack/:token', async (c) => {
    const { db, clock, pageTokenKey } = c.var.deps;
    try {
      const { incidentId, user } = await pageTokenHolder(db, pageTokenKey, c.req.param('token'), clock.now());
      const incident = await incidentDetail(db, incidentId);
      if (incident.status !== 'triggered') {
        return page(c, 200, `Already ${incident.status}`, `<p>${escapeHtml(headline(incident))} is ${incident.status}: nobody is being paged for it.</p>${openLink(incident)}`);
      }
      const form = `<form method="post"><button type="submit">Acknowledge as ${escapeHtml(user.name)}</button></form>`;
      return page(c, 200, `Acknowledge ${headline(incident)}?`, `<p>${escapeHtml(incident.severity)} on ${escapeHtml(incident.serviceName)}. Acknowledging stops paging everyone for it.</p>${form}${openLink(incident)}`);
    } catch (err) {
      return refused(c, err);
    }
  })
  .post('/ack/:token', async (c) => {
    const { db, clock, pageTokenKey } = c.var.deps;
    try {
      const { incidentId, user } = await pageTokenHolder(db, pageTokenKey, c.req.param('token'), clock.now());
      const incident = await acknowledgeFromPage(c.var.deps, incidentId, user);
      return page(c, 200, 'Acknowledged', `<p>${escapeHtml(headline(incident))} is acknowledged by ${escapeHtml(user.name)}: paging has stopped.</p>${openLink(incident)}`);
    } catch (err) {
      return refused(c, err);
    }
  });
