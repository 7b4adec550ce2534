import path from 'node:path';

// The one reading of a SQLite `file:` URL, shared by the site's client (lib/db.ts) and the migration
// command (scripts/migrate/target.ts), so both always open the same file. No other imports: the
// migration command must not load the site's environment or Prisma client to use it.

/** Absolute path of a SQLite `file:` URL, resolved against the working directory like Prisma does. */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''));
}
