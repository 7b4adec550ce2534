import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articleRow, createTestDatabase, type TestDatabase } from '../tests/support/database';
import { readContentSignal, watchContent } from './content-watch';

// The watcher against a real SQLite database, polled quickly so the test is short.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.section.create({ data: { id: 1, slug: 'world', name: 'World', position: 0 } });
});
afterAll(() => db.dispose());

const bumpVersion = () =>
  db.prisma.contentState.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1 },
    update: { version: { increment: 1 } },
  });

function watch(now: () => Date) {
  let changes = 0;
  const watcher = watchContent({
    read: () => readContentSignal(db.prisma, now()),
    onChange: () => (changes += 1),
    intervalMs: 20,
    log: () => {},
  });
  return { watcher, changes: () => changes };
}

// Long enough for several polls: used to see that nothing happens.
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('the content watcher', () => {
  it('reports a seed (a new content version), once', async () => {
    const { watcher, changes } = watch(() => new Date());
    await watcher.ready;
    await settle();
    expect(changes()).toBe(0);
    await bumpVersion();
    await vi.waitFor(() => expect(changes()).toBe(1));
    await settle();
    expect(changes()).toBe(1);
    watcher.stop();
  });

  it("reports a scheduled article's moment, with no write, and ignores drafts", async () => {
    let clock = Date.parse('2026-01-01T12:00:00Z');
    await db.prisma.article.createMany({
      data: [
        articleRow('scheduled', new Date(clock + 60_000)),
        articleRow('draft', new Date(clock + 30_000), { status: 'DRAFT' }),
      ],
    });
    const { watcher, changes } = watch(() => new Date(clock));
    await watcher.ready;
    clock += 45_000;
    await settle();
    expect(changes()).toBe(0);
    clock += 30_000;
    await vi.waitFor(() => expect(changes()).toBe(1));
    watcher.stop();
  });

  it('keeps watching through a failing read and says so once', async () => {
    const messages: string[] = [];
    let fail = false;
    let version = 0;
    let changes = 0;
    const watcher = watchContent({
      read: async () => {
        if (fail) throw new Error('SQLITE_CANTOPEN: unable to open database file\nstack');
        return { version, nextScheduledAt: null };
      },
      onChange: () => (changes += 1),
      intervalMs: 10,
      log: (message) => messages.push(message),
    });
    await watcher.ready;
    fail = true;
    await settle();
    version = 1;
    fail = false;
    await vi.waitFor(() => expect(changes).toBe(1));
    watcher.stop();
    expect(messages).toEqual([
      'Content watch: cannot read the content version (SQLITE_CANTOPEN: unable to open database file); retrying every second.',
      'Content watch: the database answers again.',
    ]);
  });
});
