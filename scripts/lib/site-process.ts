import { spawn, type ChildProcess } from 'node:child_process';
import { processTree, treeRssMiB } from './process-tree';

// Starts the site exactly as `npm start` does (scripts/start.ts: migrate, seed, build if needed, then
// the production server), for scripts that measure it: the bench and Lighthouse. Whatever start.ts
// runs as the server, these scripts follow.

/**
 * glibc's malloc settings for the server, as package.json's `start` and `serve` set them: two arenas
 * (each libuv thread would otherwise keep its own), and blocks of 32 KiB or more mapped on their own
 * so they go back to the system when freed, with the heap's free top trimmed beyond 64 KiB. Without
 * the last three, compression buffers and query results left 50–80 MiB of freed memory in the heap
 * at 100,000 articles (docs/performance.md).
 */
export const SERVER_MALLOC_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '32768',
  MALLOC_TRIM_THRESHOLD_: '65536',
  MALLOC_TOP_PAD_: '0',
};

/**
 * V8's settings for the server, as package.json's `start` and `serve` set them:
 * - semi-spaces (the young generation, where each request's short-lived objects are born) of at
 *   most 4 MiB instead of Node's 16. With the larger ones a burst of renders promoted so little that
 *   no full collection followed it, and its garbage stayed in a heap of 120–240 MB for as long as the
 *   server was idle; with these, the collections the burst causes arm V8's memory reducer, which
 *   shrinks the heap to what is live (about 80 MB) once traffic calms. The cost is about a fifth more
 *   CPU per cached hit (more, smaller scavenges). docs/performance.md, "Memory after a burst".
 * - an old generation that grows by 30% of what is live between full collections, as the seed's
 *   (prisma/seed.ts), instead of up to several times it: a burst of misses (renders of pages not
 *   yet cached) peaked at 211 MiB instead of 294, and the pages V8 had taken for that peak no
 *   longer stay resident after it. docs/performance.md, "A slower-growing old generation".
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

/**
 * The plain-JavaScript runner of each TypeScript entry point, as package.json's `start` and `serve`
 * name them: each runs its entry's bundle with plain Node, without tsx (scripts/lib/server-bundle.mjs).
 */
const RUNNERS = { 'scripts/start.ts': 'scripts/start.mjs', 'server/main.ts': 'scripts/serve.mjs' } as const;

/** Node's arguments for the site's own server as `npm run serve` runs it (after `node`). */
export const SERVE_ARGS = [...SERVER_NODE_FLAGS, RUNNERS['server/main.ts']];

export interface RunningSite {
  origin: string;
  pid: number;
  /** Resident memory of start.ts and everything it started, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

export interface StartSiteOptions {
  port: number;
  env: NodeJS.ProcessEnv;
  /** Commands put before node, e.g. `['taskset', '-c', '0']` to pin the server to one core. */
  prefix?: string[];
  /** How long migrate + seed + start may take (a 100,000-article seed takes minutes). */
  readyTimeoutMs?: number;
  /** Where the server's output goes; quiet by default so a benchmark's table stays readable. */
  stdio?: 'inherit' | 'ignore';
  /**
   * `scripts/start.ts` (npm start: migrate, seed, build, serve) by default; `server/main.ts` (npm run
   * serve) serves a database made otherwise (the bench's SQL-grown corpora) without a seed run.
   */
  entry?: 'scripts/start.ts' | 'server/main.ts';
}

export async function startSite({
  port,
  env,
  prefix = [],
  readyTimeoutMs = 30 * 60_000,
  stdio = 'ignore',
  entry = 'scripts/start.ts',
}: StartSiteOptions): Promise<RunningSite> {
  const origin = `http://127.0.0.1:${port}`;
  const argv = [...prefix, process.execPath, ...SERVER_NODE_FLAGS, RUNNERS[entry]];
  const child: ChildProcess = spawn(argv[0] as string, argv.slice(1), {
    // glibc malloc as `npm start` sets it (package.json; docs/performance.md, "Memory").
    env: { ...SERVER_MALLOC_ENV, ...env, PORT: String(port) },
    stdio: ['ignore', stdio, 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid ?? 0;

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('the site exited while starting');
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the site did not answer at ${origin} within ${readyTimeoutMs / 1000} s`);
    }
    const status = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  return {
    origin,
    pid,
    rssMiB: () => treeRssMiB(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const tree = processTree(pid);
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        // A server that does not stop in 15 s is killed with everything it started.
        for (const member of tree) {
          try {
            process.kill(member, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
