import { readdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { RequestStep } from './pipeline';
import { answerPlain } from './pipeline';

/** The path load balancers and process managers poll. Served by this server, never by Next. */
export const HEALTH_PATH = '/healthz';

/** What the readiness check needs from a database client: one raw query (Prisma's `$queryRawUnsafe`). */
export interface QueryClient {
  $queryRawUnsafe<T = unknown>(query: string): Promise<T>;
}

/** The migrations the code expects: one folder per migration, as scripts/migrate.ts applies them. */
export function expectedMigrations(projectDir: string, databaseUrl: string): string[] {
  const folder = /^postgres(ql)?:\/\//.test(databaseUrl) ? 'prisma/postgresql/migrations' : 'prisma/migrations';
  return readdirSync(path.join(projectDir, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Null when the database answers and every expected migration is applied; otherwise a short reason.
 * The table is Prisma's own, which scripts/migrate.ts writes on SQLite and PostgreSQL alike.
 */
export async function checkDatabase(
  client: QueryClient,
  expected: readonly string[],
  /** Told the error when the query fails (server/database-monitor.ts turns it into a sentence). */
  onError: (error: unknown) => void = () => {},
): Promise<string | null> {
  let rows: { migration_name: string }[];
  try {
    rows = await client.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
  } catch (error) {
    onError(error);
    return 'database unreachable';
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = expected.filter((name) => !applied.has(name));
  return pending.length === 0 ? null : `${pending.length} migration(s) not applied`;
}

interface HealthOptions {
  /** Resolves null when the instance can serve, or a reason it cannot. */
  check: () => Promise<string | null>;
  /** True from the moment a stop was asked for. */
  isDraining: () => boolean;
  /** How long a check result is reused, so a flood of probes cannot become a flood of queries. */
  reuseMs?: number;
  /** Longest wait for the database before answering 503. */
  timeoutMs?: number;
}

/**
 * Readiness: 200 only when the database is reachable and migrated, 503 while draining or otherwise.
 * A balancer that stops sending on 503 (and retries on a refused connection) sees a rolling restart
 * without failed requests.
 */
export function healthStep({ check, isDraining, reuseMs = 1000, timeoutMs = 2000 }: HealthOptions): RequestStep {
  let last: { at: number; result: Promise<string | null> } | null = null;
  let lastReported: string | null = null;

  const timedCheck = (): Promise<string | null> => {
    const now = Date.now();
    if (last && now - last.at < reuseMs) return last.result;
    const result = Promise.race([
      check().catch(() => 'database unreachable'),
      new Promise<string>((resolve) => setTimeout(resolve, timeoutMs, 'database did not answer in time').unref()),
    ]);
    last = { at: now, result };
    return result;
  };

  const answer = async (res: ServerResponse): Promise<void> => {
    const problem = isDraining() ? 'draining' : await timedCheck();
    // One log line per change of state, not per probe.
    if (problem !== lastReported) {
      console.log(problem ? `Health: not ready (${problem})` : 'Health: ready');
      lastReported = problem;
    }
    if (isDraining()) res.setHeader('Connection', 'close');
    answerPlain(res, problem ? 503 : 200, problem ?? 'ok');
  };
  // Not an async function: every other request passes on without a promise (server/pipeline.ts).
  return (req, res, next) => (pathOf(req.url) === HEALTH_PATH ? answer(res) : next());
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}
