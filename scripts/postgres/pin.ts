import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { run } from '../lib/run';

// For benchmarks: keep a PostgreSQL server on one core (taskset), so the figures of the web server
// on the other core are not mixed with the database's work.

function parentOf(pid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Pins the postmaster and every process it has started to `core` (backends it forks later inherit it). */
export async function pinPostgres(url: string, core: number): Promise<void> {
  // The checkpointer lives as long as the server; its parent is the postmaster.
  const client = new pg.Client(url);
  await client.connect();
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'`,
  );
  await client.end();
  const postmaster = parentOf(String(rows[0]?.pid));
  const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && parentOf(entry) === postmaster);
  for (const pid of [String(postmaster), ...children])
    await run('taskset', ['-a', '-p', '-c', String(core), pid], { stdio: 'ignore' });
}
