import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection from here, not from the schema. Migrations are applied by
// scripts/migrate.ts (offline, on the WASM schema engine); Prisma's CLI is used for generate and seed.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    // The seed's bundle under plain Node, as `npm run db:seed` runs it (scripts/seed.mjs).
    seed: 'node --max-semi-space-size=2 scripts/seed.mjs',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? 'file:./data/news.db',
  },
});
