import type { Page } from '@playwright/test';

/**
 * Collects everything the browser reports as an error while a test runs: console errors (failed
 * resources, CSP violations, hydration mismatches) and uncaught exceptions.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  return errors;
}
