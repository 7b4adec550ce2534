import { statSync } from 'node:fs';
import { checkDatabase, type QueryClient } from './health';
import { safeForLog } from './log-safe';

// Watches the site's database from the server, so that a database that went away is noticed before
// readers queue behind it, and so that it is noticed at all when SQLite hides it: a SQLite
// connection keeps reading a file that was removed or replaced (it holds the old inode open). Each
// probe checks the file (SQLite), then runs readiness's query through the site's own client.
// - File missing: unreachable, although the old connection would still answer.
// - File replaced (another inode): the site's client is dropped for a new one, which opens the new
//   file; whatever that file is (the restored database, an empty or damaged one, one another process
//   holds locked), the query then says.
// - PostgreSQL stopped: the query fails at once (connection refused) or runs out of time.
// The result drives /healthz (server/health.ts) and the styled 503 (server/unavailable.ts), and
// probes keep running while the database is away, so the site recovers on its own when it returns.

export interface DatabaseState {
  /** False when the database cannot be read at all: pages that need it are answered 503. */
  reachable: boolean;
  /** Null when the instance can serve; otherwise a sentence for the operator. */
  problem: string | null;
}

export interface DatabaseMonitorOptions {
  /** The site's client, read again on every probe: reconnect() replaces it. */
  client: () => QueryClient;
  /** Drops the site's client for a new connection (lib/db.ts reconnectPrisma). */
  reconnect: () => void;
  /** The SQLite file behind DATABASE_URL, or null for PostgreSQL. */
  sqliteFile: string | null;
  /** Migration folders the code expects (health.ts expectedMigrations). */
  migrations: readonly string[];
  /** A sentence for a database error, or null when it is not one (lib/db.ts describeDatabaseProblem). */
  describe: (error: unknown) => string | null;
  /** How often the background probe runs. */
  intervalMs?: number;
  /** Longest wait for a probe before readiness says the database did not answer. */
  timeoutMs?: number;
  log?: (message: string) => void;
}

const READY: DatabaseState = { reachable: true, problem: null };

export class DatabaseMonitor {
  readonly #options: Required<DatabaseMonitorOptions>;
  #state: DatabaseState = READY;
  #inflight: Promise<DatabaseState> | null = null;
  #lastAt = 0;
  /** `dev:ino` of the file the current client opened; undefined until the first probe. */
  #identity: string | null | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #reported: string | null = null;

  constructor(options: DatabaseMonitorOptions) {
    this.#options = { intervalMs: 500, timeoutMs: 2000, log: console.error, ...options };
  }

  /** The last probe's answer, without waiting. */
  get state(): DatabaseState {
    return this.#state;
  }

  /** Probes now and again every intervalMs until stop(). Resolves after the first probe. */
  async start(): Promise<void> {
    await this.check(0);
    const loop = () => {
      if (this.#stopped) return;
      // Half as often while the database is away: a probe of a locked SQLite file waits out the busy
      // timeout on the event loop.
      const wait = this.#state.reachable ? this.#options.intervalMs : this.#options.intervalMs * 2;
      this.#timer = setTimeout(() => void this.check(0).finally(loop), wait);
      this.#timer.unref();
    };
    loop();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /**
   * A probe's answer no older than `maxAgeMs`; probes asked for while one runs share it, so a flood
   * of requests or health checks is one query.
   */
  check(maxAgeMs = 100): Promise<DatabaseState> {
    if (this.#inflight) return this.#inflight;
    if (Date.now() - this.#lastAt < maxAgeMs) return Promise.resolve(this.#state);
    const probe = this.#probeWithin().then((state) => {
      this.#state = state;
      this.#lastAt = Date.now();
      this.#inflight = null;
      this.#report(state);
      return state;
    });
    this.#inflight = probe;
    return probe;
  }

  async #probeWithin(): Promise<DatabaseState> {
    let timer: NodeJS.Timeout | undefined;
    // A slow answer is not proof the database is gone: a cold client's first query, or a server too
    // busy to run the probe's callback, look the same. Readiness says not ready; whether pages get
    // the 503 stays as the last real answer said (a stopped database refuses at once).
    const late = new Promise<DatabaseState>((resolve) => {
      timer = setTimeout(() => {
        resolve({
          reachable: this.#state.reachable,
          problem: `the database did not answer within ${this.#options.timeoutMs} ms`,
        });
      }, this.#options.timeoutMs);
    });
    try {
      return await Promise.race([this.#probe(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #probe(): Promise<DatabaseState> {
    const { sqliteFile, describe } = this.#options;
    if (sqliteFile) {
      const identity = fileIdentity(sqliteFile);
      if (identity === null) {
        return {
          reachable: false,
          problem: describe({ code: 'SQLITE_CANTOPEN' }) ?? `the SQLite database at ${sqliteFile} is missing`,
        };
      }
      if (this.#identity !== undefined && this.#identity !== identity) {
        this.#options.log('Database: the SQLite file was replaced; opening the new one.');
        this.#options.reconnect();
      }
      this.#identity = identity;
    }
    let unreachable: string | null = null;
    const problem = await checkDatabase(this.#options.client(), this.#options.migrations, (error) => {
      unreachable = describe(error) ?? firstLine(error);
    });
    return unreachable ? { reachable: false, problem: unreachable } : problem ? { reachable: true, problem } : READY;
  }

  /** One log line per change of state, not per probe. */
  #report(state: DatabaseState): void {
    if (state.problem === this.#reported) return;
    if (state.problem) this.#options.log(`Database problem: ${state.problem}`);
    else if (this.#reported) this.#options.log('Database: answering again.');
    this.#reported = state.problem;
  }
}

/**
 * Device and inode. A new file cannot take the old one's inode: the site's connection holds the old
 * file open, so its inode stays in use until that connection closes.
 */
function fileIdentity(file: string): string | null {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((text) => text.trim()) ?? 'unknown error';
  return `the database cannot be read (${safeForLog(line.trim(), 200)})`;
}
