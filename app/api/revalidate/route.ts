import { bumpContentVersion } from '@/lib/data/content-version';
import { refuseWithoutSecret } from '@/lib/site/operator-secret';

// For operators only: the seed no longer calls it, because every instance watches the content
// version in the database (server/content-watch.ts). Moving that version here makes every instance,
// this one included, drop its cached pages within about a second, as a seed would.
export async function POST(request: Request): Promise<Response> {
  const refusal = refuseWithoutSecret(request);
  if (refusal) return Response.json({ revalidated: false, ...(await refusal.json()) }, refusal);
  const version = await bumpContentVersion();
  return Response.json({ revalidated: true, version, now: Date.now() });
}
