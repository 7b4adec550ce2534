// After the seed commits, it asks a running site to drop cached pages (app/api/revalidate).
// Failing to reach the site is normal (no site running, no secret set): the data is committed
// either way, and pages catch up within MAX_STALE_SECONDS (lib/data/cache.ts).

export interface RevalidateOptions {
  siteUrl: string;
  secret: string | undefined;
  timeoutMs?: number;
}

export type RevalidateOutcome = { ok: true; message: string } | { ok: false; message: string };

export async function requestRevalidation({
  siteUrl,
  secret,
  timeoutMs = 5000,
}: RevalidateOptions): Promise<RevalidateOutcome> {
  if (!secret) {
    return {
      ok: false,
      message:
        'Note: REVALIDATE_SECRET is not set, so no running site was asked to refresh; its pages catch up within 5 minutes.',
    };
  }
  const url = new URL('/api/revalidate', siteUrl);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) return { ok: true, message: `Asked the site at ${url.origin} to refresh its pages.` };
    return {
      ok: false,
      message: `Note: the site at ${url.origin} answered ${response.status} to the refresh request; the data is saved.`,
    };
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { ok: false, message: `Note: no site answered at ${url.origin} (${reason}); the data is saved.` };
  }
}
