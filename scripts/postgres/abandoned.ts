import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Throwaway clusters (cluster.ts) are stopped by whoever started them. A test run that is killed
// (Ctrl+C on vitest, a CI timeout, `kill -9`) cannot, and its postgres kept running with its folder
// under the temp dir, holding a port and memory until the machine restarts. Each cluster folder
// therefore names the process that owns it, and every new cluster first stops and deletes the
// clusters whose owner is gone.

const OWNER_FILE = 'owner.pid';
const PREFIXES = ['pg-cluster-', 'pg-replica-'];
// A folder with no owner file is from before this file existed, or is being set up this instant
// (mkdtemp, then the owner file): only ones older than this are taken for abandoned.
const UNOWNED_AFTER_MS = 60 * 60 * 1000;

/** Marks `dir` as owned by this process. Call right after creating it. */
export async function claimClusterFolder(dir: string): Promise<void> {
  await writeFile(path.join(dir, OWNER_FILE), `${process.pid}\n`);
}

/**
 * Stops (immediate shutdown) and deletes every throwaway cluster under the temp dir whose owner
 * process has exited. Never throws: a cluster it cannot stop is left for the next sweep.
 */
export async function sweepAbandonedClusters(
  pgCtl: string,
  asOwner: (file: string, args: string[]) => Promise<unknown>,
): Promise<void> {
  const root = tmpdir();
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => PREFIXES.some((prefix) => name.startsWith(prefix)));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(root, name);
    if (!isAbandoned(dir)) continue;
    const data = path.join(dir, 'data');
    if (existsSync(path.join(data, 'postmaster.pid')))
      await asOwner(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

function isAbandoned(dir: string): boolean {
  try {
    const owner = Number(readFileSync(path.join(dir, OWNER_FILE), 'utf8').trim());
    return !isAlive(owner);
  } catch {
    try {
      return Date.now() - statSync(dir).mtimeMs > UNOWNED_AFTER_MS;
    } catch {
      return false;
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
