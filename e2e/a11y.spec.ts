import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Every kind of page, checked by axe-core in both colour schemes, at 320 px, and by keyboard.

const PAGES = {
  front: '/',
  section: '/sections/politics',
  'section, page 2': '/sections/politics?page=2',
  tag: '/tags/fixture-paging',
  author: '/authors/amara-okafor',
  article: '/articles/fixture-article-complete',
  'search form': '/search',
  'search results': '/search?q=glimmerwick',
  'search, no results': '/search?q=nothing+matches+this+zzqx',
  'not found': '/articles/no-such-story',
} as const;

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    for (const [name, url] of Object.entries(PAGES)) {
      test(`the ${name} page has no axe violations`, async ({ page }) => {
        await page.goto(url);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  });
}

test.describe('at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const [name, url] of Object.entries(PAGES)) {
    test(`the ${name} page does not scroll sideways`, async ({ page }) => {
      await page.goto(url);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test('the skip link is the first stop for the keyboard and moves focus to the content', async ({ page }) => {
  await page.goto('/articles/fixture-article-complete');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box && box.y >= 0 && box.height > 0).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('focused links and controls show a visible outline', async ({ page }) => {
  await page.goto('/');
  for (let step = 0; step < 5; step++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }
});
