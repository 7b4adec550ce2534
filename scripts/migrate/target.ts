import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { sqliteFilePath } from '../../lib/sqlite-file';
import { MigrateError } from './errors';
import { postgresAdapterFactory } from './postgres-adapter';
import { sqliteAdapterFactory } from './sqlite-adapter';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where a command reads its migrations and schema from; the defaults follow the URL's provider. */
export interface MigrateOptions {
  migrationsDir?: string;
  schemaPath?: string;
}

export interface Target {
  provider: 'sqlite' | 'postgresql';
  migrationsDir: string;
  schemaPath: string;
  /** For messages: the SQLite file, or host:port/database without credentials. */
  location: string;
  createFactory(): SqlMigrationAwareDriverAdapterFactory;
  /** Makes the database reachable before the engine opens it (the SQLite file's folder). */
  prepare(): Promise<void>;
}

export function resolveTarget(databaseUrl: string, options: MigrateOptions = {}): Target {
  if (databaseUrl.startsWith('file:')) {
    const file = sqliteFilePath(databaseUrl);
    return {
      provider: 'sqlite',
      migrationsDir: options.migrationsDir ?? path.join(projectRoot, 'prisma/migrations'),
      schemaPath: options.schemaPath ?? path.join(projectRoot, 'prisma/schema.prisma'),
      location: file,
      createFactory: () => sqliteAdapterFactory(file),
      prepare: async () => {
        await mkdir(path.dirname(file), { recursive: true });
      },
    };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    return {
      provider: 'postgresql',
      migrationsDir: options.migrationsDir ?? path.join(projectRoot, 'prisma/postgresql/migrations'),
      schemaPath: options.schemaPath ?? path.join(projectRoot, 'prisma/postgresql/schema.prisma'),
      location: `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`,
      createFactory: () => postgresAdapterFactory(databaseUrl),
      prepare: async () => {},
    };
  }
  throw new MigrateError('DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)');
}
