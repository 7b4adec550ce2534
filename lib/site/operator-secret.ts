import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';

// The check behind the operators' routes (app/api/revalidate, app/api/cache-stats): a bearer token
// equal to REVALIDATE_SECRET. The answer is a Response to send back, or null when the caller may pass.

// Hashing both sides first gives equal lengths, so the comparison time says nothing about the secret.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function refuseWithoutSecret(request: Request): Response | null {
  const secret = env.REVALIDATE_SECRET;
  if (!secret) {
    return Response.json({ error: 'REVALIDATE_SECRET is not configured on this site' }, { status: 503 });
  }
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!sameSecret(given, secret)) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  return null;
}
