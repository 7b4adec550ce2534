import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBin } from './run';

// What a production build depends on. Content is not here: pages read it from the database.
const INPUTS = [
  'app',
  'lib',
  'public',
  'proxy.ts',
  'next.config.js',
  'tsconfig.json',
  'package-lock.json',
  'prisma/schema.prisma',
];
const SKIP = new Set(['generated', 'node_modules']);

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (SKIP.has(name) || name.endsWith('.test.ts')) continue;
    yield* files(path.join(entry, name));
  }
}

/** A hash of every build input, so an unchanged checkout is not built twice. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => [...files(input)])) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds into distDir unless a build of exactly these sources is already there. */
export async function buildIfNeeded(
  distDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<'built' | 'up to date'> {
  const stamp = path.join(distDir, 'source-hash');
  const hash = sourceHash();
  const current =
    existsSync(path.join(distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (current) return 'up to date';
  await runBin('next/dist/bin/next', ['build'], {
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  writeFileSync(stamp, hash);
  return 'built';
}
