import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './target';

export const SQLITE_SCHEMA = path.join(projectRoot, 'prisma/schema.prisma');
export const POSTGRES_SCHEMA = path.join(projectRoot, 'prisma/postgresql/schema.prisma');

const HEADER =
  '// GENERATED from prisma/schema.prisma by `tsx scripts/migrate.ts sync-schemas`: do not edit.\n' +
  '// Prisma cannot take the provider from the environment, so PostgreSQL gets its own copy of the\n' +
  '// models, written to its own client folder.\n\n';

// A line of prisma/schema.prisma that only PostgreSQL has (the full-text search column and its
// index), written as a comment there: `// postgresql: <line>`. The PostgreSQL copy un-comments it.
const POSTGRES_ONLY = /^(\s*)\/\/ postgresql: /gm;

/**
 * The PostgreSQL twin of the SQLite schema: same models, another provider and client output, and
 * the `// postgresql:` lines made real. Fails loudly if the source no longer has the lines it
 * rewrites, rather than copying it unchanged.
 */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const rewrites: [RegExp, string][] = [
    [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'],
    [/^(\s*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/m, '$1"../../lib/generated/prisma-postgres"'],
  ];
  let schema = sqliteSchema;
  for (const [pattern, replacement] of rewrites) {
    if (!pattern.test(schema)) throw new Error(`prisma/schema.prisma: expected a line matching ${pattern}`);
    schema = schema.replace(pattern, replacement);
  }
  return HEADER + schema.replace(POSTGRES_ONLY, '$1');
}

/** Rewrites prisma/postgresql/schema.prisma when it differs from what the SQLite schema gives. */
export async function syncPostgresSchema(): Promise<{ file: string; changed: boolean }> {
  const wanted = postgresSchemaFrom(await readFile(SQLITE_SCHEMA, 'utf8'));
  const current = await readFile(POSTGRES_SCHEMA, 'utf8').catch(() => null);
  if (current === wanted) return { file: POSTGRES_SCHEMA, changed: false };
  await mkdir(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  await writeFile(POSTGRES_SCHEMA, wanted);
  return { file: POSTGRES_SCHEMA, changed: true };
}
