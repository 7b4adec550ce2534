import { getLogs } from '@prisma/debug';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { forgetPrismaDebugHistory } from './prisma-debug-history';

let db: TestDatabase;

beforeEach(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  await db.dispose();
});

describe('forgetPrismaDebugHistory', () => {
  it("lets go of the query arguments Prisma's debug history keeps with DEBUG unset", async () => {
    const body = `an article body ${'x'.repeat(1000)}`;
    await db.prisma.$queryRaw`SELECT length(${body}) AS "length"`;
    // The driver adapter's copy of the history (the one @prisma/debug exposes) holds the argument.
    expect(getLogs(1_000_000)).toContain(body);

    forgetPrismaDebugHistory();
    expect(getLogs(1_000_000)).not.toContain(body);
  });
});
