import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { readReplicas } from '@prisma/extension-read-replicas';
import { env, isPostgresUrl } from './env';
import { PrismaClient, type Prisma } from './generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from './generated/prisma-postgres/client';
import { sqliteFilePath } from './sqlite-file';

/** The database a client talks to; chosen by the scheme of DATABASE_URL (docs/decisions/001). */
export type Dialect = 'sqlite' | 'postgresql';

// Read back by dialectOf. A property on the client, not a WeakMap: an interactive transaction's
// client is a proxy over the client that forwards unknown properties, so it carries the mark too.
// A registered symbol, because the one client of a process (getPrisma, on globalThis) is shared by
// two copies of this module: the server's (tsx) and the one bundled into Next's build.
const DIALECT = Symbol.for('newsroom.db.dialect');

/**
 * The one place that chooses the database by DATABASE_URL: `file:` is SQLite, `postgres(ql)://`
 * is PostgreSQL. Both generated clients come from the same models (prisma/postgresql/schema.prisma
 * is generated from prisma/schema.prisma, and a unit test keeps them in step), so their model
 * methods, inputs and results have the same types. They differ only in what PostgreSQL adds
 * (isolation levels, `mode: 'insensitive'`), so the site is written against the SQLite client's
 * type, the common subset, and the PostgreSQL client is seen through it, here and nowhere else.
 *
 * `replicaUrls` (PostgreSQL only): reads outside transactions go to one of these read replicas,
 * writes, transactions and raw SQL to `url` (@prisma/extension-read-replicas). Raw SQL that only
 * reads (search) asks for a replica itself through `forRawReads`. Only the site's own client uses
 * them (getPrisma); the seed and scripts write and read the primary.
 */
export function createPrismaClient(
  url: string = env.DATABASE_URL,
  replicaUrls: readonly string[] = [],
  { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {},
): PrismaClient {
  const client = isPostgresUrl(url)
    ? postgresClient(url, replicaUrls)
    : new PrismaClient({ adapter: sqliteAdapter(url, busyTimeoutMs) });
  Object.defineProperty(client, DIALECT, { value: isPostgresUrl(url) ? 'postgresql' : 'sqlite' });
  return client;
}

function postgresClient(url: string, replicaUrls: readonly string[]): PrismaClient {
  const connect = (connectionString: string) =>
    new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString }) });
  const primary = connect(url);
  const client = replicaUrls.length ? primary.$extends(readReplicas({ replicas: replicaUrls.map(connect) })) : primary;
  return client as unknown as PrismaClient;
}

function sqliteAdapter(url: string, busyTimeoutMs: number): PrismaBetterSqlite3 {
  // Integer milliseconds, like Prisma's native SQLite engine and the migrations table, so raw SQL
  // (search, scheduling) compares dates as numbers. A writer (the seed) waits up to 5 s on another
  // writer's lock; the site's readers never wait for writers (WAL mode, set by migrations) and use a
  // short wait (getPrisma), because better-sqlite3 waits on the event loop: a lock held by another
  // process would otherwise stall every request, cached ones too.
  // fileMustExist: a mistyped path must fail loudly, not quietly create an empty database there.
  return new PrismaBetterSqlite3(
    { url: sqliteFilePath(url), timeout: busyTimeoutMs, fileMustExist: true },
    { timestampFormat: 'unixepoch-ms' },
  );
}

/**
 * The client for raw SQL that only reads: one of the read replicas when the client has them
 * (the extension sends every `$queryRaw` to the primary, since it cannot tell a read from a write),
 * else the client itself. A transaction's client has no replicas, so reads in a transaction stay on
 * the primary, consistent with its writes.
 */
export function forRawReads(db: PrismaClient | Prisma.TransactionClient): PrismaClient | Prisma.TransactionClient {
  const client = db as { $replica?: () => PrismaClient; $transaction?: unknown };
  // The extension throws when asked for a replica inside a transaction (a client without $transaction).
  if (typeof client.$replica !== 'function' || typeof client.$transaction !== 'function') return db;
  return client.$replica();
}

/** Which database a client (or a transaction's client) made by createPrismaClient talks to. */
export function dialectOf(db: PrismaClient | Prisma.TransactionClient): Dialect {
  const dialect = (db as { [DIALECT]?: Dialect })[DIALECT];
  if (!dialect) throw new Error('dialectOf: this Prisma client was not made by createPrismaClient (lib/db.ts)');
  return dialect;
}

// One client per process. Next's dev server reloads modules, so the client lives on globalThis and
// is read back from there rather than created again.
const globalForPrisma = globalThis as typeof globalThis & { prisma?: PrismaClient };

/**
 * How long the site's own SQLite connection waits on a lock before the query fails. Its reads never
 * meet a writer's lock in WAL mode; only another process holding the database exclusively makes them
 * wait, and then a page must fail fast (a styled 503, server/unavailable.ts), not block the server.
 */
export const SITE_BUSY_TIMEOUT_MS = 100;

export function getPrisma(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(env.DATABASE_URL, env.DATABASE_REPLICA_URLS, {
    busyTimeoutMs: SITE_BUSY_TIMEOUT_MS,
  });
  return globalForPrisma.prisma;
}

/**
 * Drops the site's client for a new one on the next getPrisma(): a SQLite connection keeps reading
 * the file it opened, so when the file at DATABASE_URL is replaced (a restore, a new database) only a
 * new connection reads the new one (server/database-monitor.ts). The old client is closed once the
 * queries it is running have had time to finish.
 */
export function reconnectPrisma(graceMs = 5000): void {
  const old = globalForPrisma.prisma;
  globalForPrisma.prisma = undefined;
  if (old) setTimeout(() => void old.$disconnect().catch(() => {}), graceMs).unref();
}

/**
 * A sentence an operator can act on for the failures that mean "this database is not ready", or
 * null for anything else.
 */
export function describeDatabaseProblem(error: unknown, url: string): string | null {
  const where = isPostgresUrl(url) ? 'the PostgreSQL database' : `the SQLite database at ${sqliteFilePath(url)}`;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === 'P2021' || /no such table|does not exist in the current database/.test(text)) {
    return `${where} has no tables yet: run \`npm run db:migrate\` (or \`npm start\`, which also migrates).`;
  }
  if (code === 'SQLITE_CANTOPEN' || /unable to open database file|directory does not exist/i.test(text)) {
    return `${where} does not exist: check DATABASE_URL, or run \`npm run db:migrate\` to create it.`;
  }
  if (
    /ECONNREFUSED|ENOTFOUND|database ".*" does not exist|Can't reach database server|terminating connection|Connection terminated|the database system is (starting up|shutting down|in recovery mode)/i.test(
      text,
    ) ||
    code === 'P1001'
  ) {
    return `${where} cannot be reached: check DATABASE_URL and that the server is running.`;
  }
  if (code === 'SQLITE_BUSY' || /database is locked|SQLITE_BUSY/i.test(text)) {
    return `${where} is locked by another process, which holds it exclusively; it is read again once that process lets go.`;
  }
  if (
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_CORRUPT' ||
    /file is not a database|disk image is malformed/i.test(text)
  ) {
    return `${where} is not a readable database (damaged, or replaced by another file): restore it from a backup.`;
  }
  return null;
}

export type { PrismaClient };
