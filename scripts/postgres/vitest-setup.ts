import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './cluster';

// Vitest's global setup when the unit tests run on PostgreSQL (TEST_DATABASE=postgresql, wired in
// vitest.config.ts): one throwaway cluster for the whole run, stopped at the end; each test
// database is a fresh database in it (lib/testing/database.ts).
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
