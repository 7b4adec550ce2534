import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./', import.meta.url)) },
  },
  test: {
    include: ['{app,lib,scripts,prisma,server,tests}/**/*.test.ts'],
    environment: 'node',
    // Tests start real databases (SQLite files, a PostgreSQL cluster): give them room.
    testTimeout: 60_000,
    // Vitest's default is one worker per core but one: a single worker on a 2-core CI machine, so
    // files ran one after another. Most of their time is spent waiting on other processes (seeds,
    // servers, builds, databases), not on the worker's CPU. Measured: lifecycle, fuzz and
    // seed-archive tests, 281 s of test time, took 121 s with three workers.
    maxWorkers: 3,
    hookTimeout: 120_000,
    // `TEST_DATABASE=postgresql` runs the database tests on a throwaway PostgreSQL cluster instead
    // of SQLite files (npm run test:postgres).
    globalSetup: process.env.TEST_DATABASE === 'postgresql' ? ['scripts/postgres/vitest-setup.ts'] : [],
  },
});
