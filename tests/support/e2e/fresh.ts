import { expect, type Page } from '@playwright/test';

// What "live within 5 s" means to a test. A seed commits, and each running server notices the new
// content version on its next poll (server/content-watch.ts, about once a second), then drops its
// cached pages. Until that poll, a page a reader opens may still be the cached one from before the
// seed: correct behaviour, but a test that opened it once, right after the seed, would be racing the
// poll. These helpers load the page again until the change shows, for at most the 5 s readers are
// promised, counted from when they are called (just after the seed).

/** Within 5 s, a fresh load of `url` passes `check` (which should use short assertion timeouts). */
export async function expectFresh(page: Page, url: string, check: () => Promise<void>, within = 5_000): Promise<void> {
  await expect(async () => {
    // The document is what changed; waiting for every script and image to load as well would spend
    // the 5 s on a busy machine's browser, not on the site.
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await check();
  }).toPass({ timeout: within, intervals: [100, 250, 500] });
}

/** Short enough that several loads fit in the 5 s, long enough for a page to settle. */
export const ONE_LOAD = { timeout: 500 };
