import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, dialectOf, type PrismaClient } from '../../lib/db';
import { deployMigrations } from '../migrate/index';
import { startPostgresCluster, startPostgresReplica, type PostgresCluster } from './cluster';

// DATABASE_REPLICA_URLS against a real streaming replica (pg_basebackup -R of a throwaway primary):
// with the replica's replay paused, a row written through the site's client is missing from the
// client's reads (so a replica served them) and present in a transaction (the primary).

let primary: PostgresCluster;
let replica: PostgresCluster;
let client: PrismaClient;

async function sql(url: string, text: string): Promise<unknown[]> {
  const connection = new pg.Client(url);
  await connection.connect();
  try {
    return (await connection.query(text)).rows;
  } finally {
    await connection.end();
  }
}

async function replicaHas(slug: string): Promise<boolean> {
  return (await sql(replica.url, `SELECT 1 FROM "Section" WHERE slug = '${slug}'`)).length > 0;
}

beforeAll(async () => {
  primary = await startPostgresCluster({ forReplication: true });
  await deployMigrations(primary.url);
  replica = await startPostgresReplica(primary);
  client = createPrismaClient(primary.url, [replica.url]);
});

afterAll(async () => {
  await client?.$disconnect();
  await replica?.stop();
  await primary?.stop();
});

describe('read replicas', () => {
  it('reads from the replica, writes and transactions on the primary', async () => {
    expect(dialectOf(client)).toBe('postgresql');
    expect(await sql(replica.url, 'SELECT pg_is_in_recovery() AS standby')).toEqual([{ standby: true }]);

    await client.section.create({ data: { slug: 'first', name: 'First' } });
    for (let tries = 0; tries < 100 && !(await replicaHas('first')); tries++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await client.section.findMany()).map((section) => section.slug)).toEqual(['first']);

    await sql(replica.url, 'SELECT pg_wal_replay_pause()');
    await client.section.create({ data: { slug: 'second', name: 'Second' } });
    expect((await client.section.findMany()).map((section) => section.slug)).toEqual(['first']);
    expect(await client.$transaction(async (tx) => tx.section.count())).toBe(2);

    await sql(replica.url, 'SELECT pg_wal_replay_resume()');
    for (let tries = 0; tries < 100 && !(await replicaHas('second')); tries++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await client.section.count()).toBe(2);
  });
});
