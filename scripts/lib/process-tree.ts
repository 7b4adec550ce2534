import { readdirSync, readFileSync } from 'node:fs';

// Linux /proc readings for benchmarks: the resident memory of a process and all its descendants
// (a server that forks workers or a child `next start` counts as a whole).

function parentOf(pid: string): string | null {
  try {
    // The command name (field 2) may hold spaces and parentheses: read from after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

/** The pid and every descendant's pid. */
export function processTree(root: number): number[] {
  const children = new Map<string, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), entry]);
  }
  const found: number[] = [];
  const queue = [String(root)];
  while (queue.length) {
    const pid = queue.shift() as string;
    found.push(Number(pid));
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Resident memory (VmRSS) of a process and its descendants, in MiB; shared pages count in each. */
export function treeRssMiB(root: number): number {
  let kib = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return Math.round((kib / 1024) * 10) / 10;
}
