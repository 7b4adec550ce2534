import { MigrateError } from './errors';
import type { Target } from './target';

/**
 * Turns an engine error into a one-line MigrateError (other errors are returned as they are). The engine's messages carry a Rust span
 * trace ("   0: ...") and blank-line-separated advice; the trace says nothing a user can act on.
 */
export function toMigrateError(error: unknown, target: Target): unknown {
  if (error instanceof MigrateError || !(error instanceof Error)) return error;
  if (error.message.startsWith("Can't reach database server")) {
    return new MigrateError(
      `PostgreSQL at ${target.location} is not answering: is the server running, and is DATABASE_URL right?`,
      {
        cause: error,
      },
    );
  }
  // Driver adapters report a lock wait that ran out as "SocketTimeout", a kind this engine build
  // cannot decode, so the one useful fact arrives as "unknown variant `SocketTimeout`".
  if (/\bSocketTimeout\b/.test(error.message)) {
    const cause =
      target.provider === 'sqlite'
        ? `the SQLite database at ${target.location} stayed locked by another process writing to it (a seed, or a site's own writes) past the wait`
        : `PostgreSQL at ${target.location} did not answer in time`;
    return new MigrateError(`Migrations did not run: ${cause}. Try again once it is free.`, {
      cause: error,
    });
  }
  const lines = error.message.split('\n');
  const traceStart = lines.findIndex((line) => /^\s+\d+: /.test(line));
  const message = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  // Only the trace names the migration that failed to apply; that name is what the user needs.
  const migration = /migration_name="([^"]+)"/.exec(error.message)?.[1];
  return new MigrateError(migration ? `Migration ${migration} failed: ${message}` : message, { cause: error });
}
