import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { run } from './run';

// The load generator for `npm run bench`: Debian's wrk (installed with apt-get when missing and
// root), or autocannon from npm when wrk cannot be had. Each run is its own process, pinned to the
// core the servers do not use.

const execFileAsync = promisify(execFile);

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts plus responses that were not 2xx or 3xx. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
  /** Commands put before the load generator, e.g. `['taskset', '-c', '1']`. */
  prefix?: string[];
  /** Request these paths in turn and stop after the last (wrk only): misses that each render once. */
  paths?: string[];
  workDir: string;
}

export type LoadTool = 'wrk' | 'autocannon';

export async function ensureLoadTool(): Promise<LoadTool> {
  if (existsSync('/usr/bin/wrk')) return 'wrk';
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("wrk not found: installing Debian's package (apt-get install wrk)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env }).catch(() => undefined);
    await run('apt-get', ['install', '-y', '-qq', 'wrk'], { env }).catch(() => undefined);
    if (existsSync('/usr/bin/wrk')) return 'wrk';
  }
  console.log('wrk is not available (sudo apt-get install wrk); using autocannon from npm, which is slower.');
  return 'autocannon';
}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function duration(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  return match ? Number(match[1]) * (UNITS[match[2] as string] ?? Number.NaN) : Number.NaN;
}

/** Parses `wrk --latency` output. */
export function parseWrk(output: string): LoadResult {
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? 0),
    reqPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0),
    p50Ms: duration(/^\s+50%\s+(\S+)/m.exec(output)?.[1]),
    p99Ms: duration(/^\s+99%\s+(\S+)/m.exec(output)?.[1]),
    errors: (socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0) + Number(non2xx?.[1] ?? 0),
  };
}

/** A wrk script that requests each path once, in order, and stops after the last response. */
function pathsScript(paths: string[], workDir: string): string {
  const file = path.join(workDir, `paths-${paths.length}-${Date.now()}.lua`);
  writeFileSync(
    file,
    [
      `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }`,
      'local next_index, done = 0, 0',
      'request = function()',
      '  next_index = next_index % #paths + 1',
      '  return wrk.format(nil, paths[next_index])',
      'end',
      'response = function()',
      '  done = done + 1',
      '  if done >= #paths then wrk.thread:stop() end',
      'end',
      '',
    ].join('\n'),
  );
  return file;
}

export async function runLoad(tool: LoadTool, options: LoadOptions): Promise<LoadResult> {
  const { url, connections, durationSeconds, headers = {}, prefix = [], paths, workDir } = options;
  if (tool === 'wrk') {
    const args = ['-t1', `-c${connections}`, `-d${durationSeconds}s`, '--latency', '--timeout', '10s'];
    for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
    const script = paths ? pathsScript(paths, workDir) : undefined;
    if (script) args.push('-s', script);
    const argv = [...prefix, 'wrk', ...args, url];
    try {
      const { stdout } = await execFileAsync(argv[0] as string, argv.slice(1), { maxBuffer: 4 * 1024 * 1024 });
      return parseWrk(stdout);
    } finally {
      // One script per row of misses: the work directory is kept between runs (the corpora).
      if (script) rmSync(script, { force: true });
    }
  }
  if (paths) throw new Error('the uncached-render row needs wrk (sudo apt-get install wrk)');
  const args = ['--yes', 'autocannon@8.0.0', '-j', '-c', String(connections), '-d', String(durationSeconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  const argv = [...prefix, 'npx', ...args, url];
  const { stdout } = await execFileAsync(argv[0] as string, argv.slice(1), { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
