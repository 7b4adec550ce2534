import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './run';

// Debian's nginx, run by the project as an unprivileged-looking child process: its own prefix, config,
// pid file, logs and temp/cache folders in a fresh folder under the system temp dir, so nothing under
// /etc/nginx or /var/lib/nginx is read or written. Used by `npm run front` and by `npm run bench`.

const NGINX_PATHS = ['/usr/sbin/nginx', '/usr/bin/nginx'];

const HOW_TO = `nginx is not installed. Either:
  - install Debian's package:   sudo apt-get install nginx-light
  - or point at one you have:   NGINX_PATH=/path/to/nginx npm run front`;

export function findNginx(): string | null {
  const chosen = process.env.NGINX_PATH;
  if (chosen) return existsSync(chosen) ? chosen : null;
  return NGINX_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}

/** Finds nginx, installing Debian's `nginx-light` when this process is root and has apt-get. */
export async function ensureNginx(): Promise<string> {
  const found = findNginx();
  if (found) return found;
  if (process.env.NGINX_PATH) throw new Error(`NGINX_PATH=${process.env.NGINX_PATH} does not exist.\n${HOW_TO}`);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("nginx not found: installing Debian's package (apt-get install nginx-light)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env }).catch(() => undefined);
    // The package's own service would listen on port 80; it is not ours to start, so keep it stopped.
    await run('apt-get', ['install', '-y', '-qq', 'nginx-light'], { env }).catch((error: unknown) =>
      console.warn(`apt-get could not install nginx-light: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  const installed = findNginx();
  if (!installed) throw new Error(HOW_TO);
  return installed;
}

/** Which user the workers run as when the master is root: an unprivileged one, never root itself. */
function workerUser(): { name: string; group: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) return null;
  const group = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[2] === gid)
    ?.split(':')[0];
  return { name: 'nobody', group: group ?? 'nogroup', uid: Number(uid), gid: Number(gid) };
}

export interface NginxWorkDir {
  dir: string;
  /** The lines every config needs before its `http` block's own directives. */
  preamble: (workers: number | 'auto') => string;
  /** The temp-path directives of the `http` block, inside the work dir. */
  httpPaths: string;
}

/** A fresh folder for one nginx, readable and writable by its workers. */
export function makeWorkDir(prefix: string): NginxWorkDir {
  const base = path.resolve(process.env.NGINX_WORK_DIR || tmpdir());
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, `${prefix}-`));
  const user = workerUser();
  // mkdtemp makes it 0700; the workers (another user when root) must reach cache/ and temp/.
  if (user) chmodSync(dir, 0o711);
  for (const sub of ['cache', 'temp']) mkdirSync(path.join(dir, sub));
  if (user) {
    chownSync(path.join(dir, 'cache'), user.uid, user.gid);
    chownSync(path.join(dir, 'temp'), user.uid, user.gid);
  }
  const temp = (name: string) => path.join(dir, 'temp', name);
  return {
    dir,
    preamble: (workers) =>
      [
        user ? `user ${user.name} ${user.group};` : '',
        `worker_processes ${workers};`,
        'daemon off;',
        `pid ${path.join(dir, 'nginx.pid')};`,
        `error_log ${path.join(dir, 'error.log')} warn;`,
        'events { worker_connections 4096; }',
      ]
        .filter(Boolean)
        .join('\n'),
    httpPaths: [
      `client_body_temp_path ${temp('body')};`,
      `proxy_temp_path ${temp('proxy')};`,
      `fastcgi_temp_path ${temp('fastcgi')};`,
      `uwsgi_temp_path ${temp('uwsgi')};`,
      `scgi_temp_path ${temp('scgi')};`,
    ].join('\n  '),
  };
}

export interface RunningNginx {
  pid: number;
  dir: string;
  /** Settles when nginx exits, for whatever reason. */
  exited: Promise<void>;
  /** Graceful stop (SIGQUIT: finish in-flight requests), then removes the work dir. */
  stop(): Promise<void>;
}

/**
 * Writes `config` into the work dir, checks it with `nginx -t`, and runs nginx in the foreground as a
 * child. `command` may prefix nginx (e.g. `taskset -c 0`) so the bench can pin it to one core.
 */
export async function startNginx(
  work: NginxWorkDir,
  config: string,
  { prefix = [] as string[], listen }: { prefix?: string[]; listen: number },
): Promise<RunningNginx> {
  const nginx = await ensureNginx();
  const confFile = path.join(work.dir, 'nginx.conf');
  writeFileSync(confFile, config);
  // -e: the compiled-in error log would be opened before the config is read.
  const args = ['-p', work.dir, '-c', confFile, '-e', path.join(work.dir, 'error.log')];
  await run(nginx, [...args, '-t', '-q']);
  const [command = nginx, ...rest] = prefix.length ? [...prefix, nginx] : [nginx];
  const child: ChildProcess = spawn(command, [...rest, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(listen, child);
  return {
    pid: child.pid ?? 0,
    dir: work.dir,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGTERM'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work.dir, { recursive: true, force: true });
    },
  };
}

/** Waits until something accepts TCP connections on the port (not an HTTP request: that would go upstream). */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('nginx exited while starting');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on port ${port} within 10 s`);
}
