import { cacheStats } from '@/lib/cache/next-cache-handler.mjs';
import { refuseWithoutSecret } from '@/lib/site/operator-secret';
import { responseCacheStats } from '@/lib/cache/response-cache-stats';

// For operators and the end-to-end tests: how much each cache holds, to see that misses add nothing
// and that the bounds hold (`?matching=text` also counts the entries whose address contains it).
// Behind the same secret as /api/revalidate.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const refusal = refuseWithoutSecret(request);
  if (refusal) return refusal;
  const matching = new URL(request.url).searchParams.get('matching') ?? undefined;
  // The process's memory beside the caches' own counts: what the bounds leave to Next and Node.
  return Response.json({
    next: cacheStats(matching),
    response: responseCacheStats(matching),
    memory: process.memoryUsage(),
  });
}
