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
