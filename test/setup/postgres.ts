import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/client';
import { startPostgresCluster } from '../helpers/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set in the PostgreSQL project: the server test apps create their databases on. */
    postgres: { url: string; template: string } | undefined;
  }
}

export const templateDatabase = 'muster_template';

/**
 * The PostgreSQL project's setup: one throwaway server for the whole run, and a migrated template database
 * each test app's database is copied from (copying is much faster than migrating each time).
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  const admin = postgres(cluster.url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${templateDatabase}`);
  await admin.end();
  const template = await openDatabase({ url: cluster.urlFor(templateDatabase), file: '' });
  await template.close();
  project.provide('postgres', { url: cluster.url, template: templateDatabase });
  return () => cluster.stop();
}
