import { Debug as clientDebug } from '@prisma/client/runtime/client';
import { Debug as adapterDebug } from '@prisma/driver-adapter-utils';

// Prisma's debug module keeps the arguments of its last 100 debug calls, even with DEBUG unset, to
// quote them in a crash report. Its calls pass each query with its arguments, so during the seed's
// write they hold the last few chunks' article bodies and rendered HTML: measured, about 20 MB of
// live heap that V8 then grows the heap around (10,000 articles, heap after a full collection at
// the last chunk: 58 MB, against 37 MB at the third). It has no switch to turn this off, but the
// history is a ring of 100: a hundred calls with a one-character argument push the old ones out.
// Two copies keep one each: the client runtime's own (plans, parameters) and the driver adapter's
// (SQL and arguments of every raw query). The PostgreSQL adapter ships a third copy of its own,
// which this cannot reach.
const HISTORY = 100;
const NAMESPACE = 'newsroom:seed';
const histories = [clientDebug(NAMESPACE), adapterDebug(NAMESPACE)];

/** Lets go of the query arguments Prisma's debug history holds; nothing when DEBUG asks for logs. */
export function forgetPrismaDebugHistory(): void {
  for (const debug of histories) {
    // Someone debugging with DEBUG=newsroom:* (or *) would see every call: then keep the history.
    if (clientDebug.enabled(NAMESPACE) || adapterDebug.enabled(NAMESPACE)) return;
    for (let i = 0; i < HISTORY; i += 1) debug('-');
  }
}
