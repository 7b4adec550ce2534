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
    hookTimeout: 120_000,
    // `TEST_DATABASE=postgresql` runs the database tests on a throwaway PostgreSQL cluster instead
    // of SQLite files (npm run test:postgres).
    globalSetup: process.env.TEST_DATABASE === 'postgresql' ? ['scripts/postgres/vitest-setup.ts'] : [],
  },
});
