import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from './postgres-schema';

describe('the PostgreSQL schema', () => {
  it('is the committed SQLite schema with the provider and client output swapped (run `tsx scripts/migrate.ts sync-schemas` if not)', async () => {
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
});
