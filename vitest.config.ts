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
  },
});
