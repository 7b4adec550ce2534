import type { PrismaClient } from '../lib/generated/prisma/client';

// Every instance of the site notices content changes itself, through the database they share
// (docs/decisions/003): about once a second it reads the content version, which every seed bumps in
// its own transaction, and the next scheduled publication time still to come. When either moves,
// something public changed (a seed ran, or a scheduled article's moment came), and the instance
// drops its cached pages. No HTTP call from the seed, so this works on any port, any number of
// instances, and with the site started after the seed.

export interface ContentSignal {
  version: number;
  /** The earliest publication time still to come, in milliseconds, or null when none is scheduled. */
  nextScheduledAt: number | null;
}

/** One cheap read: a row by primary key and one indexed minimum. */
export async function readContentSignal(db: PrismaClient, now: Date): Promise<ContentSignal> {
  const [state, next] = await Promise.all([
    db.contentState.findUnique({ where: { id: 1 }, select: { version: true } }),
    db.article.findFirst({
      where: { status: 'PUBLISHED', publishedAt: { gt: now } },
      orderBy: { publishedAt: 'asc' },
      select: { publishedAt: true },
    }),
  ]);
  return { version: state?.version ?? 0, nextScheduledAt: next?.publishedAt?.getTime() ?? null };
}

export interface ContentWatchOptions {
  read: () => Promise<ContentSignal>;
  /** Called when the signal moves; must not throw. */
  onChange: () => void;
  intervalMs?: number;
  log?: (message: string) => void;
}

export interface ContentWatch {
  /** Resolves once the first reading is in (the baseline), so a caller can wait for it. */
  ready: Promise<void>;
  stop(): void;
}

export function watchContent({
  read,
  onChange,
  intervalMs = 1000,
  log = console.error,
}: ContentWatchOptions): ContentWatch {
  let last: string | null = null;
  let failing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const poll = async () => {
    try {
      const signal = JSON.stringify(await read());
      if (failing) log('Content watch: the database answers again.');
      failing = false;
      // The first reading is the baseline: whatever was cached before it came from this content.
      if (last !== null && signal !== last) onChange();
      last = signal;
    } catch (error) {
      // The database is away (removed, locked, restarting): say so once, keep trying. Pages already
      // cached keep being served meanwhile.
      if (!failing) log(`Content watch: cannot read the content version (${describe(error)}); retrying every second.`);
      failing = true;
    } finally {
      markReady();
      if (!stopped) timer = setTimeout(poll, intervalMs).unref();
    }
  };
  void poll();
  return {
    ready,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((line) => line.trim())
      ?.trim()
      .slice(0, 200) ?? 'unknown error'
  );
}
