import type { ConsoleMessage, Page } from '@playwright/test';

/**
 * Collects everything the browser reports as an error while a test runs: console errors (failed
 * resources, CSP violations, hydration mismatches) and uncaught exceptions.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' || isWithdrawnPrefetch(message)) return;
    errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  return errors;
}

/**
 * Next's router prefetches the stories a page links to (only on error pages since decision 007:
 * other pages carry no router). Tests in other workers publish and then withdraw stories of their
 * own, so a page read just before a withdrawal can prefetch one that now answers 404, which is
 * right, and Chromium logs it as an error. Only that is ignored: a 404 for a React Server Component
 * request (`_rsc=`). A 404 for anything else still counts.
 */
function isWithdrawnPrefetch(message: ConsoleMessage): boolean {
  return (
    message.text().startsWith('Failed to load resource: the server responded with a status of 404') &&
    new URL(message.location().url || 'about:blank').searchParams.has('_rsc')
  );
}
