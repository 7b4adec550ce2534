// Seed throughput on synthetic content: `npm run bench:seed` (1,000, 10,000 and 100,000 articles),
// or `npm run bench:seed -- --sizes 1000,10000` for a quicker run; `--open-files 256` sets the
// seed's open-file limit (ulimit -n; 256 by default, macOS's usual limit, so the figures show the
// seed within it). For each size: a fresh SQLite file, the seed's first run (everything created)
// and a re-run with nothing changed, each as its own process, as an editor runs it (as
// `npm run db:seed` does: the seed's bundle under plain Node, scripts/seed.mjs, built once before
// the first run). Prints the process's time (start-up included), the seed's own time and articles
// per second by it, the process's CPU time (steadier than wall time on a busy machine; it includes
// start-up and V8's helper threads) and peak RSS. `--database postgres` runs the same against a
// throwaway PostgreSQL cluster (scripts/postgres/cluster.ts), a fresh database per size.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { seedBundle } from './lib/seed-bundle.mjs';
import { deployMigrations } from './migrate/index';
import { startPostgresCluster } from './postgres/cluster';
import { writeSyntheticContent } from './synthetic-articles';

const run = promisify(execFile);
const seedLauncher = fileURLToPath(new URL('./seed.mjs', import.meta.url));

interface Measured {
  summary: string;
  /** The whole process, start-up included: what an editor waits for. */
  process: number;
  /** The seed's own run, from after start-up to exit. */
  wall: number;
  cpu: number;
  rssMb: number;
}

async function seedOnce(databaseUrl: string, contentDir: string, openFiles: number): Promise<Measured> {
  const started = performance.now();
  // bash sets the limit, then becomes the seed (exec), so the limit is the seed's own.
  // The young generation's size as `npm run db:seed` sets it (package.json): V8 reads it only at start.
  const command = [process.execPath, '--max-semi-space-size=2', seedLauncher, '--content', contentDir, '--stats'];
  const { stdout } = await run('bash', ['-c', 'ulimit -n "$OPEN_FILES" && exec "$@"', 'bash', ...command], {
    // No secret: the benchmark measures the seed, not a request to a site that is not there.
    env: { ...process.env, DATABASE_URL: databaseUrl, CI: '1', REVALIDATE_SECRET: '', OPEN_FILES: String(openFiles) },
    maxBuffer: 16 * 1024 * 1024,
  });
  const stats = /Stats: ([\d.]+) s, CPU ([\d.]+) s, peak RSS (\d+) MB/.exec(stdout);
  const summary = /Articles: .*/.exec(stdout)?.[0];
  if (!stats || !summary) throw new Error(`unexpected seed output:\n${stdout}`);
  return {
    summary,
    process: (performance.now() - started) / 1000,
    wall: Number(stats[1]),
    cpu: Number(stats[2]),
    rssMb: Number(stats[3]),
  };
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    'open-files': { type: 'string', default: '256' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const sizes = (values.sizes ?? '').split(',').map(Number);
const openFiles = Number(values['open-files']);
const database = values.database;
if (
  sizes.some((size) => !Number.isInteger(size) || size < 1) ||
  !Number.isInteger(openFiles) ||
  (database !== 'sqlite' && database !== 'postgres')
) {
  console.error(
    'Usage: npm run bench:seed -- [--sizes 1000,10000,100000] [--open-files 256] [--database sqlite|postgres]',
  );
  process.exit(2);
}

// Built here, so that no measured run includes the build.
await seedBundle();
// PostgreSQL: one throwaway cluster (scripts/postgres/cluster.ts), a fresh database per size.
const cluster = database === 'postgres' ? await startPostgresCluster() : undefined;
async function freshDatabase(dir: string, count: number): Promise<string> {
  if (!cluster) return `file:${path.join(dir, 'bench.db')}`;
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE bench_${count}`);
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = `/bench_${count}`;
  return url.toString();
}

console.log(
  `Seed benchmark: ${cluster ? 'PostgreSQL' : 'SQLite'}, ulimit -n ${openFiles}, ${availableParallelism()} cores, Node ${process.version}`,
);
console.log('articles  run        process s   seed s   articles/s  CPU s   CPU ms/article  peak RSS  summary');
try {
  for (const count of sizes) await benchSize(count);
} finally {
  await cluster?.stop();
}

async function benchSize(count: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'news-bench-'));
  try {
    const contentDir = path.join(dir, 'content');
    await writeSyntheticContent(contentDir, { count });
    const databaseUrl = await freshDatabase(dir, count);
    await deployMigrations(databaseUrl);
    for (const label of ['first', 'unchanged']) {
      const m = await seedOnce(databaseUrl, contentDir, openFiles);
      console.log(
        [
          String(count).padStart(8),
          label.padEnd(9),
          m.process.toFixed(2).padStart(9),
          m.wall.toFixed(2).padStart(7),
          Math.round(count / m.wall)
            .toString()
            .padStart(11),
          m.cpu.toFixed(2).padStart(6),
          ((m.cpu * 1000) / count).toFixed(2).padStart(14),
          `${m.rssMb} MB`.padStart(9),
          ` ${m.summary}`,
        ].join('  '),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
