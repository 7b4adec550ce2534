import { readFileSync } from 'node:fs';
import { processTree } from './process-tree';

// Between two measurements of `npm run bench`, the server must have finished the last one's work:
// wrk stops with requests still in flight, and their renders would otherwise be billed to the next.

/**
 * Waits for one more answer from the server. wrk stops with requests still queued in the server
 * (slow ones, such as searches, by the dozen); without this they would run during the next row.
 */
export async function drained(url: string, headers: Record<string, string>): Promise<void> {
  await fetch(url, { headers, signal: AbortSignal.timeout(120_000) })
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
}

/** CPU time (user and system) of a process and its descendants, in clock ticks (1/100 s on Linux). */
export function cpuTicks(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks;
}

/**
 * Waits until the server has been idle for a quarter of a second (under 10% of a core), at most a
 * minute. wrk stops with a request in flight on every connection; when they are misses (the
 * uncached row: 32 renders of ~125 ms of CPU each at 100,000 articles, 4 s of work), drained()'s one
 * cached answer comes back at once and the renders went on during the next row's measurement.
 */
export async function idle(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const before = cpuTicks(pid);
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (cpuTicks(pid) - before <= 2) return;
  }
}
