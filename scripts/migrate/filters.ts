import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// SQLite virtual tables, and the shadow tables their module creates beside them, by module.
const SHADOW_SUFFIXES: Record<string, string[]> = {
  fts5: ['_data', '_idx', '_content', '_docsize', '_config'],
  fts4: ['_content', '_segments', '_segdir', '_docsize', '_stat'],
  fts3: ['_content', '_segments', '_segdir', '_docsize', '_stat'],
  rtree: ['_node', '_parent', '_rowid'],
};

const VIRTUAL_TABLE = /CREATE\s+VIRTUAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`[]?(\w+)["`\]]?\s+USING\s+(\w+)/gi;

/**
 * Virtual tables made by hand-written migrations (full-text search) cannot be described in the
 * Prisma schema, so a diff would drop them and their shadow tables. They are declared external:
 * the engine leaves them out of the comparison. Their triggers are never compared.
 */
export function filtersFor(migrations: MigrationList): SchemaFilter {
  const externalTables = new Set<string>();
  for (const { migrationFile } of migrations.migrationDirectories) {
    if (migrationFile.content.tag !== 'ok') continue;
    for (const [, table = '', module = ''] of migrationFile.content.value.matchAll(VIRTUAL_TABLE)) {
      externalTables.add(table);
      for (const suffix of SHADOW_SUFFIXES[module.toLowerCase()] ?? []) externalTables.add(table + suffix);
    }
  }
  return { externalTables: [...externalTables], externalEnums: [] };
}
