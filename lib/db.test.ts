import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockForWriting } from './content/write';
import { dialectOf } from './db';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';

// The database the tests run on (SQLite, or PostgreSQL with TEST_DATABASE=postgresql), as lib/db.ts
// chose it from the URL, and the seed's write lock on it.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.dispose();
});

describe('the database client', () => {
  it('knows its dialect from the URL, in a transaction too', async () => {
    const expected = db.url.startsWith('file:') ? 'sqlite' : 'postgresql';
    expect(dialectOf(db.prisma)).toBe(expected);
    expect(await db.prisma.$transaction(async (tx) => dialectOf(tx))).toBe(expected);
  });

  it('lets one writer at a time past lockForWriting: the second waits for the first to commit', async () => {
    const events: string[] = [];
    let releaseFirst = () => {};
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const writer = (name: string, hold: Promise<void>) =>
      db.prisma.$transaction(
        async (tx) => {
          await lockForWriting(tx);
          events.push(`${name} locked`);
          await hold;
          events.push(`${name} done`);
        },
        { timeout: 30_000, maxWait: 30_000 },
      );
    const first = writer('first', firstHolds);
    while (!events.includes('first locked')) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = writer('second', Promise.resolve());
    await new Promise((resolve) => setTimeout(resolve, 300));
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first locked', 'first done', 'second locked', 'second done']);
  });
});
