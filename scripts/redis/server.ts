import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { installDebianPackage } from '../lib/debian-package';
import { freePort } from '../lib/free-port';

/** A throwaway Redis server on loopback, in memory only (no snapshot, no append-only file). */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server; its data is gone. */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free loopback port (or on `port`, to bring one back after a test stopped
 * it). Uses the installed binary; when there is none and we run as root, installs Debian's
 * `redis-server` package first, as the e2e runner does for Chromium.
 */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const binary = await findRedisServer();
  const chosen = port ?? (await freePort());
  const child = spawn(
    binary,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
    child.once('error', reject);
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

async function findRedisServer(): Promise<string> {
  const candidates = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin'].map((dir) =>
    path.join(dir, 'redis-server'),
  );
  const found = candidates.find((file) => existsSync(file));
  if (found) return found;
  await installDebianPackage(
    'redis-server',
    'redis-server is not installed: install it (Debian: `apt-get install redis-server`) or run as root',
  );
  return '/usr/bin/redis-server';
}
