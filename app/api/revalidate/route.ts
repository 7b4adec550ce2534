import { createHash, timingSafeEqual } from 'node:crypto';
import { revalidateTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { env } from '@/lib/env';

// Called by the seed after it commits (lib/content/revalidate.ts): every page built from articles
// reads through TAGS.content, so one tag drops them all.

// Hashing both sides first gives equal lengths, so the comparison time says nothing about the secret.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function POST(request: Request): Promise<Response> {
  const secret = env.REVALIDATE_SECRET;
  if (!secret) {
    return Response.json(
      { revalidated: false, error: 'REVALIDATE_SECRET is not configured on this site' },
      { status: 503 },
    );
  }
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!sameSecret(given, secret)) {
    return Response.json(
      { revalidated: false, error: 'unauthorized' },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    );
  }
  // expire: 0 — the next request must read fresh rows, not be served the stale page meanwhile.
  revalidateTag(TAGS.content, { expire: 0 });
  return Response.json({ revalidated: true, tag: TAGS.content, now: Date.now() });
}
