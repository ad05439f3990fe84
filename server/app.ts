import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from './http/auth';
import { maxBodyBytes } from './http/body-limit';
import type { AppDeps, AppEnv } from './http/env';
import { errorResponse, onError } from './errors';
import { idempotency } from './http/idempotency';
import { jsonWrites, sameOriginWrites } from './http/request-origin';
import { authRoutes } from './http/routes/auth';
import { contactMethodRoutes } from './http/routes/contact-methods';
import { healthRoutes } from './http/routes/health';
import { eventsApiRoutes } from './http/routes/events-api';
import { escalationPolicyRoutes } from './http/routes/escalation-policies';
import { incidentRoutes } from './http/routes/incidents';
import { incidentRoleRoutes } from './http/routes/incident-roles';
import { incidentPagingRoutes } from './http/routes/incident-paging';
import { integrationRoutes } from './http/routes/integrations';
import { pageActionRoutes } from './http/routes/page-actions';
import { pushRoutes } from './http/routes/push';
import { runbookRoutes } from './http/routes/runbooks';
import { drillRoutes } from './http/routes/drills';
import { myOnCallRoutes, scheduleRoutes } from './http/routes/schedules';
import { streamRoutes } from './http/routes/stream';
import { meRoutes } from './http/routes/me';
import { serviceDetectionRoutes } from './http/routes/service-detection';
import { heartbeatPingRoutes } from './http/routes/heartbeat-ping';
import { acknowledgePageRoutes } from './http/routes/acknowledge-page';
import { serviceRoutes } from './http/routes/services';
import { serviceWebhookRoutes } from './http/routes/service-webhooks';
import { setupProgressRoutes } from './http/routes/setup-progress';
import { statusUpdateRoutes } from './http/routes/status-updates';
import { teamRoutes } from './http/routes/teams';
import { userRoutes } from './http/routes/users';
import { reviewRoutes } from './http/routes/reviews';
import { metricsRoutes } from './http/routes/metrics';
import { securityHeaders } from './http/security-headers';
import { staticRoutes } from './http/static';
import { closeWhenBodyUnread } from './http/unread-body';

export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(authenticate)
    .use(sameOriginWrites)
    .use(jsonWrites)
    .use(idempotency)
    .route('/', authRoutes())
    .route('/', meRoutes)
    .route('/', contactMethodRoutes)
    .route('/', myOnCallRoutes)
    .route('/', userRoutes)
    .route('/', teamRoutes)
    .route('/', serviceRoutes)
    .route('/', serviceDetectionRoutes)
    .route('/', serviceWebhookRoutes)
    .route('/', incidentRoutes)
    .route('/', incidentRoleRoutes)
    .route('/', incidentPagingRoutes)
    .route('/', escalationPolicyRoutes)
    .route('/', scheduleRoutes)
    .route('/', pushRoutes)
    .route('/', pageActionRoutes)
    .route('/', streamRoutes)
    .route('/', setupProgressRoutes)
    .route('/', reviewRoutes)
    .route('/', runbookRoutes)
    .route('/', drillRoutes)
    .route('/', metricsRoutes)
    .route('/', statusUpdateRoutes)
    .all('*', (c) => errorResponse(c, 404, 'not_found', `no API endpoint ${c.req.method} ${c.req.path}`));

  const app = new Hono<AppEnv>()
    .use(securityHeaders)
    .use(async (c, next) => {
      c.set('deps', deps);
      await next();
    })
    .use(closeWhenBodyUnread)
    .use(
      '/api/*',
      bodyLimit({
        maxSize: maxBodyBytes,
        onError: (c) => errorResponse(c, 413, 'payload_too_large', `request body is over ${maxBodyBytes / 1024} KB`),
      }),
    )
    .route('/', healthRoutes)
    .route('/', eventsApiRoutes)
    .route('/', integrationRoutes)
    .route('/', heartbeatPingRoutes)
    .route('/', acknowledgePageRoutes)
    .route('/api/v1', api);
  if (deps.staticRoot) app.route('/', staticRoutes(deps.staticRoot));
  app.notFound((c) => errorResponse(c, 404, 'not_found', `nothing at ${c.req.path}`));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
