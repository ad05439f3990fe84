import { serve } from '@hono/node-server';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMailer } from './channels/mailer';
import { parseOutgoingAllowedHosts } from './channels/outgoing-policy';
import { systemClock } from './clock';
import { readConfig } from './config';
import { openDatabase } from './db/client';
import { startMaintenance } from './maintenance';
import { createMuster } from './muster';
import { parseAllowedHosts } from './push/endpoint-policy';
import { vapidSubject } from './push/vapid';
import { createFirstAdmin } from './services/accounts/create-user';

async function main() {
  const config = readConfig(process.env);
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase({ url: config.DATABASE_URL, file: join(dataDir, 'muster.db') });

  if (config.MUSTER_ADMIN_EMAIL && config.MUSTER_ADMIN_PASSWORD) {
    const admin = await createFirstAdmin(
      db,
      {
        email: config.MUSTER_ADMIN_EMAIL.toLowerCase(),
        name: config.MUSTER_ADMIN_NAME ?? config.MUSTER_ADMIN_EMAIL.split('@')[0],
        password: config.MUSTER_ADMIN_PASSWORD,
      },
      systemClock.now(),
    );
    if (admin) console.log(`Created the first admin, ${admin.email}`);
  }

  const mailer = config.SMTP_URL && config.MUSTER_MAIL_FROM ? createMailer({ smtpUrl: config.SMTP_URL, from: config.MUSTER_MAIL_FROM }) : undefined;
  if (mailer && !config.PUBLIC_URL) console.warn('SMTP_URL is set but PUBLIC_URL is not: links in emailed pages will not open. Set PUBLIC_URL.');
  const staticRoot = fileURLToPath(new URL('../dist', import.meta.url));
  const built = existsSync(join(staticRoot, 'index.html'));
  if (!built) console.warn('No built app in dist/: serving the API only (run `npm run build`).');
  const { app, engine } = await createMuster({
    db,
    clock: systemClock,
    dataDir,
    // Push services want a contact; a local install without either still starts.
    vapidSubject: vapidSubject(config.PUBLIC_URL, config.MUSTER_ADMIN_EMAIL ?? 'muster@localhost'),
    publicUrl: config.PUBLIC_URL,
    staticRoot: built ? staticRoot : undefined,
    pushAllowedHosts: parseAllowedHosts(config.MUSTER_PUSH_ALLOWED_HOSTS),
    mailer,
    outgoingAllowedHosts: parseOutgoingAllowedHosts(config.MUSTER_OUTGOING_ALLOWED_HOSTS),
    trustProxy: config.MUSTER_TRUST_PROXY === 'true' || config.MUSTER_TRUST_PROXY === '1',
    eventsPerMinute: config.MUSTER_EVENTS_PER_MINUTE,
  });
  await engine.start();
  startMaintenance(db, systemClock);

  const tls = config.TLS_CERT_FILE && config.TLS_KEY_FILE;
  const server = serve(
    {
      fetch: app.fetch,
      port: config.PORT,
      hostname: config.HOST,
      ...(tls && {
        createServer: createHttpsServer,
        serverOptions: { cert: readFileSync(config.TLS_CERT_FILE!), key: readFileSync(config.TLS_KEY_FILE!) },
      }),
    },
    (info) => {
      const scheme = tls ? 'https' : 'http';
      console.log(`Muster listening on ${scheme}://${config.HOST ?? 'localhost'}:${info.port} (data in ${config.DATABASE_URL ? 'PostgreSQL' : dataDir})`);
    },
  );

  const shutdown = async () => {
    // Requests under way finish before the database closes under them.
    await new Promise((resolve) => server.close(resolve));
    await engine.stop();
    mailer?.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
