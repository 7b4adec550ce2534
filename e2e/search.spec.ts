import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// Search over the fixture corpus (e2e/fixtures/content): "glimmerwick" occurs once in the headline,
// the standfirst and the body of three fictional stories, and in a draft nobody may find.

const resultHeadlines = (page: Page) => page.locator('.search-result .story__headline').allTextContents();

test('results are ranked by relevance: headline, then standfirst, then body', async ({ page }) => {
  const errors = collectPageErrors(page);
  expect((await page.goto('/search?q=glimmerwick'))?.status()).toBe(200);
  expect(await resultHeadlines(page)).toEqual([
    'Glimmerwick council approves the harbour plan',
    'Harbour plan divides the town',
    'Town hall debate runs late',
  ]);
  await expect(page.getByRole('status')).toHaveText('3 stories match “glimmerwick”');
  await expect(page.getByRole('searchbox', { name: 'Search stories' })).toHaveValue('glimmerwick');
  expect(errors).toEqual([]);
});

test('matched words are marked in the headline, standfirst and excerpt', async ({ page }) => {
  await page.goto('/search?q=glimmerwick+proposal');
  const results = page.locator('.search-result');
  await expect(results).toHaveCount(2);
  await expect(results.nth(0).locator('.story__standfirst mark')).toHaveText(['glimmerwick', 'proposal']);
  await expect(results.nth(1).locator('.search-result__excerpt mark')).toHaveText(['glimmerwick', 'proposal']);
  await page.goto('/search?q=glimmerwick');
  await expect(page.locator('.search-result').first().locator('.story__headline mark')).toHaveText('Glimmerwick');
});

test('text in a story that looks like HTML is shown as text, never run', async ({ page }) => {
  const errors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto('/search?q=vexillary');
  const excerpt = page.locator('.search-result__excerpt');
  await expect(excerpt).toContainText('<img src=x onerror=alert(1)>');
  await expect(excerpt).toContainText('<script>alert(2)</script>');
  await expect(excerpt.locator('mark')).toHaveText('vexillary');
  await expect(page.locator('main img, main script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('drafts are never found', async ({ page }) => {
  await page.goto('/search?q=draft+readers+must+not+see');
  await expect(page.locator('.search-result')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('No stories match');
});

const HOSTILE = [
  '"',
  '"glimmerwick',
  'glimmerwick"',
  "'",
  '(((',
  ')',
  'glimmerwick AND NOT harbour',
  'glimmerwick OR',
  'NEAR(glimmerwick harbour, 3)',
  'glim*',
  '*',
  '^glimmerwick',
  'headline:glimmerwick',
  '{headline}: x',
  '-glimmerwick',
  '+',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '🙂🙂🙂',
  '🙂 glimmerwick',
  '\u0000\u0007\u001b[31m\u202e',
  '%',
  'glimmerwick '.repeat(500),
  'x'.repeat(5000),
];

test('any text gives results or a friendly "no results", never an error', async ({ request }) => {
  for (const q of HOSTILE) {
    const response = await request.get(`/search?${new URLSearchParams({ q })}`);
    const label = JSON.stringify(q.slice(0, 40));
    expect(response.status(), label).toBe(200);
    const html = await response.text();
    expect(html.includes('class="search-result"') || html.includes('No stories match'), label).toBe(true);
  }
  const repeated = await request.get('/search?q=glimmerwick&q=harbour');
  expect(repeated.status()).toBe(200);
});

test('hostile text is shown back safely', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(`/search?${new URLSearchParams({ q: '<img src=x onerror=alert(1)> "unbalanced (' })}`);
  await expect(page.getByRole('status')).toContainText('No stories match “<img src=x onerror=alert(1)> "unbalanced (”');
  await expect(page.locator('main img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('results are paginated, keeping the query in the links; pages past the end answer 404', async ({
  page,
  request,
}) => {
  await page.goto('/search?q=paging+story');
  await expect(page.getByRole('status')).toHaveText('23 stories match “paging story”');
  await expect(page.locator('.search-result')).toHaveCount(10);
  await expect(page.locator('a[rel="next"]')).toHaveAttribute('href', '/search?q=paging+story&page=2');
  await page.goto('/search?q=paging+story&page=3');
  await expect(page.locator('.search-result')).toHaveCount(3);
  await expect(page.locator('a[rel="prev"]')).toHaveAttribute('href', '/search?q=paging+story&page=2');
  for (const url of [
    '/search?q=paging+story&page=4',
    '/search?q=paging+story&page=0',
    '/search?q=x&page=abc',
    '/search?page=2',
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});

// Our server writes results into the search page's shell (server/search-page.tsx): the page around
// them must be the site's whole page, with its one inline script allowed by the policy.
test('a results page is the whole site page, its one script allowed by its policy, and answers HEAD', async ({
  page,
  request,
}) => {
  const errors = collectPageErrors(page);
  const response = await page.goto('/search?q=glimmerwick');
  await expect(page).toHaveTitle(/^Search \| /);
  await expect(page.getByRole('search', { name: 'Site search' }).getByRole('searchbox')).toHaveValue('');
  await expect(page.getByRole('searchbox', { name: 'Search stories' })).toHaveValue('glimmerwick');
  await expect(page.locator('footer.site-footer')).toBeVisible();
  await expect(page.locator('main .search-result')).toHaveCount(3);
  const html = (await response?.text()) ?? '';
  expect(html).not.toMatch(/<script[^>]*\ssrc=/);
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
  expect(inline).toHaveLength(1);
  const hash = createHash('sha256')
    .update(inline[0] ?? '', 'utf8')
    .digest('base64');
  expect(response?.headers()['content-security-policy']).toContain(`'sha256-${hash}'`);
  const head = await request.head('/search?q=glimmerwick');
  expect(head.status()).toBe(200);
  expect(head.headers()['content-type']).toBe('text/html; charset=utf-8');
  expect(errors).toEqual([]);
});

test('search pages are not indexed', async ({ page }) => {
  await page.goto('/search?q=glimmerwick');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await page.goto('/search');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header search form is a plain GET form that works', async ({ page }) => {
    await page.goto('/');
    const form = page.getByRole('search', { name: 'Site search' });
    await form.getByRole('searchbox').fill('glimmerwick');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL('/search?q=glimmerwick');
    expect(await resultHeadlines(page)).toHaveLength(3);
  });
});
