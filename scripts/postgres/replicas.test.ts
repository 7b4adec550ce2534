import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, dialectOf, type PrismaClient } from '../../lib/db';
import { findSearchMatches } from '../../lib/data/search-matches';
import { articleRow } from '../../tests/support/database';
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

async function replicaHas(slug: string, table = 'Section'): Promise<boolean> {
  return (await sql(replica.url, `SELECT 1 FROM "${table}" WHERE slug = '${slug}'`)).length > 0;
}

async function untilReplicaHas(slug: string, table = 'Section'): Promise<void> {
  for (let tries = 0; tries < 100 && !(await replicaHas(slug, table)); tries++)
    await new Promise((r) => setTimeout(r, 100));
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
    await untilReplicaHas('first');
    expect((await client.section.findMany()).map((section) => section.slug)).toEqual(['first']);

    await sql(replica.url, 'SELECT pg_wal_replay_pause()');
    await client.section.create({ data: { slug: 'second', name: 'Second' } });
    expect((await client.section.findMany()).map((section) => section.slug)).toEqual(['first']);
    expect(await client.$transaction(async (tx) => tx.section.count())).toBe(2);

    await sql(replica.url, 'SELECT pg_wal_replay_resume()');
    await untilReplicaHas('second');
    expect(await client.section.count()).toBe(2);
  });

  it('search (raw SQL) reads from the replica too', async () => {
    const sectionId = (await client.section.findFirstOrThrow({ where: { slug: 'first' } })).id;
    const publishedAt = new Date('2025-07-03T10:00:00Z');
    const now = new Date('2025-08-01T00:00:00Z');
    const search = async () =>
      (await findSearchMatches(client, now, ['harbour'], { skip: 0, take: 10 })).matches.map((m) => m.id);
    const seen = await client.article.create({
      data: articleRow('harbour-seen', publishedAt, { sectionId, bodyText: 'The harbour reopened.' }),
    });
    await untilReplicaHas('harbour-seen', 'Article');
    expect(await search()).toEqual([seen.id]);

    // Replay paused: a second match is on the primary only, so a search that finds one served
    // from the replica.
    await sql(replica.url, 'SELECT pg_wal_replay_pause()');
    const hidden = await client.article.create({
      data: articleRow('harbour-hidden', publishedAt, { sectionId, bodyText: 'The harbour closed again.' }),
    });
    expect(await search()).toEqual([seen.id]);
    expect(
      await sql(
        primary.url,
        `SELECT count(*)::int AS n FROM "Article" WHERE "search" @@ to_tsquery('news', 'harbour')`,
      ),
    ).toEqual([{ n: 2 }]);

    await sql(replica.url, 'SELECT pg_wal_replay_resume()');
    await untilReplicaHas('harbour-hidden', 'Article');
    expect((await search()).sort()).toEqual([seen.id, hidden.id].sort());
  });
});
