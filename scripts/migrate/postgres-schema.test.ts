import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from './postgres-schema';

describe('the PostgreSQL schema', () => {
  it('is the committed SQLite schema with the provider and client output swapped and PostgreSQL-only lines un-commented (run `tsx scripts/migrate.ts sync-schemas` if not)', async () => {
    const expected = postgresSchemaFrom(await readFile(SQLITE_SCHEMA, 'utf8'));
    expect(await readFile(POSTGRES_SCHEMA, 'utf8')).toBe(expected);
  });

  it('swaps only the provider and the output', () => {
    const source =
      'generator client {\n  output = "../lib/generated/prisma"\n}\ndatasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n}\n';
    const generated = postgresSchemaFrom(source);
    expect(generated).toContain('output = "../../lib/generated/prisma-postgres"');
    expect(generated).toContain('provider = "postgresql"');
    expect(generated).toContain('model A {\n  id Int @id\n}');
    expect(() => postgresSchemaFrom(source.replace('"sqlite"', '"mysql"'))).toThrow(/provider/);
  });

  it('makes the lines marked `// postgresql:` real, and only those', () => {
    const source =
      'generator client {\n  output = "../lib/generated/prisma"\n}\ndatasource db {\n  provider = "sqlite"\n}\n' +
      'model A {\n  id Int @id\n  // a comment\n  // postgresql: search Unsupported("tsvector")?\n}\n';
    expect(postgresSchemaFrom(source)).toContain('  // a comment\n  search Unsupported("tsvector")?\n}');
  });
});
