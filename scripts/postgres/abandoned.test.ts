import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from './cluster';

// A test run killed with its cluster still up (kill -9: no afterAll, no exit handler) used to leave
// postgres running until the machine restarted. Now the next cluster anyone starts stops it and
// deletes its folder.

let next: PostgresCluster | undefined;
afterAll(async () => next?.stop());

/** Starts a cluster in a child process, which prints the cluster's port and then idles. */
function clusterInChild(): Promise<{ pid: number; port: number }> {
  const script = `
    const { startPostgresCluster } = await import(${JSON.stringify(path.resolve('scripts/postgres/cluster.ts'))});
    const cluster = await startPostgresCluster();
    console.log(JSON.stringify({ port: cluster.port }));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const { port } = JSON.parse(chunk.toString()) as { port: number };
      resolve({ pid: child.pid!, port });
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before its cluster started`)));
  });
}

function folderOwnedBy(pid: number): string | undefined {
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith('pg-cluster-'))
    .map((name) => path.join(tmpdir(), name))
    .find((dir) => {
      try {
        return Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8')) === pid;
      } catch {
        return false;
      }
    });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
  });
}

it('stops and deletes a cluster whose owner was killed, when the next cluster starts', async () => {
  const orphan = await clusterInChild();
  const dir = folderOwnedBy(orphan.pid);
  expect(dir, 'the child claimed its cluster folder').toBeDefined();
  process.kill(orphan.pid, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await accepts(orphan.port), 'killing the owner alone leaves postgres running').toBe(true);

  next = await startPostgresCluster();

  expect(await accepts(orphan.port)).toBe(false);
  expect(existsSync(dir!)).toBe(false);
  expect(await accepts(next.port), 'the new cluster runs').toBe(true);
}, 120_000);
