import 'server-only';
import { getPrisma } from '../db';

/**
 * Moves the content version without a seed, so every instance drops its cached pages within a
 * second (server/content-watch.ts): for operators who changed something by hand.
 */
export async function bumpContentVersion(): Promise<number> {
  const now = new Date();
  const state = await getPrisma().contentState.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1, changedAt: now },
    update: { version: { increment: 1 }, changedAt: now },
    select: { version: true },
  });
  return state.version;
}
