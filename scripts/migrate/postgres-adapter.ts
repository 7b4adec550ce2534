import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

// PostgreSQL's `"char"` type (OID 18) appears in the catalog columns the engine reads
// (pg_constraint.contype, pg_class.relkind, ...). adapter-pg 7.10 has no mapping for it and fails
// with "Column type 'char' could not be deserialized"; its text form is a one-letter string.
const CHAR_OID = 18;
const TEXT_OID = 25;

/** The pg adapter, adjusted for the schema engine: see the notes on each adjustment. */
export function postgresAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectTo(url),
    connectToShadowDb: () => connectToShadow(url),
  };
}

async function connectTo(url: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  // No idle timeout: the engine's advisory lock lives on one pooled connection, and it must stay
  // open until the engine is done, however long a migration takes.
  const pool = new pg.Pool({ connectionString: url, idleTimeoutMillis: 0 });
  pool.on('connect', (client) => {
    // Runs before the client's own handler, so the result is typed as text from the start.
    client.connection.prependListener('rowDescription', (message: { fields: { dataTypeID: number }[] }) => {
      for (const field of message.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    });
  });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  // adapter-pg splits scripts on every ";", which breaks `$$` function bodies and can leave a
  // migration half applied. A query without parameters goes over the simple protocol, where
  // PostgreSQL runs the whole script as one implicit transaction, as the native engine does.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await onDispose?.();
  };
  return adapter;
}

// adapter-pg's own shadow database leaks: its pool still holds connections when it drops the
// database, so the drop fails; and with a connection string the replay ran against the MAIN
// database. Here the shadow URL names the shadow database, and the pool closes before the drop.
async function connectToShadow(url: string): Promise<SqlDriverAdapter> {
  const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
  await runAdmin(url, `CREATE DATABASE "${name}"`);
  const shadowUrl = new URL(url);
  shadowUrl.pathname = `/${name}`;
  try {
    return await connectTo(shadowUrl.toString(), () => runAdmin(url, `DROP DATABASE IF EXISTS "${name}"`));
  } catch (error) {
    await runAdmin(url, `DROP DATABASE IF EXISTS "${name}"`);
    throw error;
  }
}

async function runAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
