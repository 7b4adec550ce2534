#!/usr/bin/env node
// Runs the Prisma CLI for the commands that never touch the schema engine (generate, validate,
// format). Every Prisma 7 command first checks for a native schema engine and, when none is found,
// tries to download one; on machines that reach only the npm registry that download fails. Naming
// any existing file stops the check. Migrations do not go through here: see scripts/migrate.ts.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// `prisma db seed` runs the seed command from prisma.config.ts through a shell: let it find tsx.
env.PATH = [path.resolve('node_modules/.bin'), env.PATH].filter(Boolean).join(path.delimiter);

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
