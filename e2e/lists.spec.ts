import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { contentDir } from '../tests/support/e2e/content';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// Section, tag and author pages and the front page. The fixture (e2e/fixtures/content) adds 23
// fictional stories "Fixture paging story 01..23", one a day, in Politics, by Tomas Lindqvist,
// tagged "Fixture paging": exactly three pages of ten on the tag page.

const PAGING_TAG = '/tags/fixture-paging';
const pagingHeadline = (n: number) => `Fixture paging story ${String(n).padStart(2, '0')}`;

async function headlines(page: Page): Promise<string[]> {
  return page.locator('.story-list .story__headline').allTextContents();
}

async function publishedTimes(page: Page): Promise<number[]> {
  const values = await page
    .locator('.story-list .story__meta time')
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
  return values.map((value) => Date.parse(value));
}

test('a tag page lists its stories newest first, ten to a page, with prev and next links', async ({ page }) => {
  const errors = collectPageErrors(page);
  expect((await page.goto(PAGING_TAG))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fixture paging');
  expect(await headlines(page)).toEqual([23, 22, 21, 20, 19, 18, 17, 16, 15, 14].map(pagingHeadline));
  await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/tags\/fixture-paging$/);

  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(`${PAGING_TAG}?page=2`);
  expect(await headlines(page)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4].map(pagingHeadline));
  await expect(page.locator('a[rel="prev"]')).toHaveAttribute('href', PAGING_TAG);
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/tags\/fixture-paging\?page=2$/);

  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(`${PAGING_TAG}?page=3`);
  expect(await headlines(page)).toEqual([3, 2, 1].map(pagingHeadline));
  await expect(page.locator('a[rel="next"]')).toHaveCount(0);
  await expect(page).toHaveTitle(/^Fixture paging \(page 3\)/);
  expect(errors).toEqual([]);
});

test('page numbers that are not pages of the list answer 404, never 500', async ({ request }) => {
  const lists = [PAGING_TAG, '/sections/politics', '/authors/tomas-lindqvist'];
  const bad = ['0', '-1', 'abc', '1.5', '01', '1e1', '%20', '', '9999999', '999999', '2&page=3'];
  for (const list of lists) {
    for (const value of bad) {
      const url = `${list}?page=${value}`;
      expect((await request.get(url)).status(), url).toBe(404);
    }
  }
  expect((await request.get(`${PAGING_TAG}?page=4`)).status()).toBe(404);
  expect((await request.get(`${PAGING_TAG}?page=3`)).status()).toBe(200);
  expect((await request.get(`${PAGING_TAG}?utm_source=x`)).status()).toBe(200);
});

test('a section page walks through every public story of the section, newest first', async ({ page }) => {
  const sections = parseYaml(readFileSync(path.join(contentDir(), 'sections.yaml'), 'utf8')) as {
    slug: string;
    name: string;
    description?: string;
  }[];
  const politics = sections.find((section) => section.slug === 'politics');
  if (!politics) throw new Error('the fixture expects a "politics" section in sections.yaml');

  await page.goto('/sections/politics');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(politics.name);
  if (politics.description) await expect(page.locator('.list-page__intro')).toHaveText(politics.description);

  const seen: string[] = [];
  const times: number[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const onPage = await headlines(page);
    expect(onPage.length).toBeGreaterThan(0);
    expect(onPage.length).toBeLessThanOrEqual(10);
    seen.push(...onPage);
    times.push(...(await publishedTimes(page)));
    const next = page.locator('a[rel="next"]');
    if ((await next.count()) === 0) {
      expect((await page.request.get(`/sections/politics?page=${pageNumber + 1}`)).status()).toBe(404);
      break;
    }
    expect(onPage).toHaveLength(10);
    await next.click();
    await expect(page).toHaveURL(`/sections/politics?page=${pageNumber + 1}`);
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  for (let n = 1; n <= 23; n++) expect(seen).toContain(pagingHeadline(n));
});

test('an author page shows the bio and role, and bylines lead to it', async ({ page }) => {
  const authors = parseYaml(readFileSync(path.join(contentDir(), 'authors.yaml'), 'utf8')) as {
    slug: string;
    name: string;
    role?: string;
    bio?: string;
  }[];
  const author = authors.find((entry) => entry.slug === 'tomas-lindqvist');
  if (!author) throw new Error('the fixture expects the author "tomas-lindqvist" in authors.yaml');

  await page.goto('/articles/fixture-paging-05');
  await page.locator('.byline').getByRole('link', { name: author.name }).click();
  await expect(page).toHaveURL(`/authors/${author.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(author.name);
  if (author.role) await expect(page.locator('.author-profile__role')).toHaveText(author.role);
  if (author.bio) await expect(page.locator('.list-page__intro')).toHaveText(author.bio);
  expect(await headlines(page)).toContain(pagingHeadline(23));
  await expect(page.locator('a[rel="next"]')).toHaveAttribute('href', `/authors/${author.slug}?page=2`);
});

test('unknown sections, tags and authors, and tags only drafts carry, answer 404', async ({ request }) => {
  for (const url of [
    '/sections/no-such-section',
    '/tags/no-such-tag',
    '/authors/no-such-person',
    '/tags/fixture-secret',
    '/sections/UPPER',
    '/tags/a--b',
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});

test('the front page shows the lead story and the newest stories of each section', async ({ page }) => {
  const errors = collectPageErrors(page);
  // Stories are told apart by address: two workers' tests can publish stories with one headline.
  const addresses = (stories: Locator) =>
    stories.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  // The other worker's tests seed stories while this one reads: a seed between reading the front
  // page and a section page makes them differ until the site notices it (within a second). So the
  // whole comparison is made again until one pass sees a single state of the content.
  await expect(async () => {
    await page.goto('/');
    const lead = page.locator('.front__lead .story__headline');
    await expect(lead).toHaveCount(1);
    const [leadAddress] = await addresses(lead);

    const fronts: { href: string; stories: (string | null)[] }[] = [];
    for (const block of await page.locator('.front__section').all()) {
      const href = await block.getByRole('heading', { level: 2 }).getByRole('link').getAttribute('href');
      fronts.push({ href: href ?? '', stories: await addresses(block.locator('.story__headline')) });
    }
    expect(fronts.map((front) => front.href)).toContain('/sections/politics');

    // Each block is the start of its section's own list, less the lead story.
    for (const front of fronts) {
      expect(front.href).toMatch(/^\/sections\/[a-z0-9-]+$/);
      await page.goto(front.href);
      const listed = await addresses(page.locator('.story-list .story__headline'));
      const newest = listed.filter((address) => address !== leadAddress).slice(0, 4);
      expect(front.stories, front.href).toEqual(newest);
    }
  }).toPass({ timeout: 15_000, intervals: [500, 1_000] });
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader pages through a list and opens a story', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Politics' }).click();
    await expect(page).toHaveURL('/sections/politics');
    await page.locator('a[rel="next"]').click();
    await expect(page).toHaveURL('/sections/politics?page=2');
    await page.locator('a[rel="prev"]').click();
    await expect(page).toHaveURL('/sections/politics');
    await page.getByRole('link', { name: pagingHeadline(23) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(pagingHeadline(23));
  });
});
