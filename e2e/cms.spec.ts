import { runSeed } from '../tests/support/e2e/content';
import { expect, test } from '../tests/support/e2e/editor';
import { expectFresh, ONE_LOAD } from '../tests/support/e2e/fresh';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// The newsroom's CMS as an editor uses it (docs/editing.md): write or change a Markdown file in the
// content folder, run the seed, and the running site shows it, with no restart. The `editor` fixture
// writes files with worker-unique names and removes them afterwards.

// Each test runs one or two real seeds, a few seconds each and more on a busy machine.
test.describe.configure({ timeout: 90_000 });

/**
 * Runs the seed; it must succeed and must have reached the site when it changed anything. Two
 * tests may seed at once, so one run can save another test's file: tests check what readers
 * see, not which run reported the change.
 */
async function seed(): Promise<void> {
  const { stdout } = await runSeed();
  expect(stdout).toMatch(/Articles: \d+ created, \d+ updated, \d+ unchanged/);
  expect(stdout).not.toContain('Note:');
}

test('an editor adds a file, runs the seed, and readers see the article within 5 s', async ({ page, editor }) => {
  const errors = collectPageErrors(page);
  const { slug, headline } = await editor.write(editor.key('new'));
  const before = await page.request.get(`/articles/${slug}`);
  expect(before.status()).toBe(404);

  await seed();
  const seeded = Date.now();
  await expect
    .poll(async () => (await page.request.get(`/articles/${slug}`)).status(), {
      timeout: 5_000,
      intervals: [100, 250, 500],
    })
    .toBe(200);
  // The front page was cached before the seed: it shows the story once the site has noticed the
  // seed, within the same 5 s.
  await expectFresh(
    page,
    '/',
    () => expect(page.getByRole('link', { name: headline }).first()).toBeVisible(ONE_LOAD),
    Math.max(1_000, 5_000 - (Date.now() - seeded)),
  );
  await page.goto(`/articles/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
  expect(errors).toEqual([]);
});

test('a draft stays invisible', async ({ page, editor }) => {
  const { slug, headline } = await editor.write(editor.key('draft'), { status: 'draft' });
  await seed();
  expect((await page.request.get(`/articles/${slug}`)).status()).toBe(404);
  await page.goto('/');
  await expect(page.getByRole('link', { name: headline })).toHaveCount(0);
});

test('a scheduled article appears when its time comes, without another seed', async ({ page, editor }) => {
  test.setTimeout(120_000);
  // Far enough ahead that the seed (a few seconds on a busy machine) finishes well before.
  const publishAt = new Date(Date.now() + 30_000);
  const { slug } = await editor.write(editor.key('scheduled'), { publishedAt: publishAt.toISOString() });
  await seed();
  const early = await page.request.get(`/articles/${slug}`);
  if (Date.now() < publishAt.getTime()) expect(early.status()).toBe(404);

  // Public within 5 s of its time: the running site notices the moment itself (server/content-watch.ts).
  await expect
    .poll(async () => (await page.request.get(`/articles/${slug}`)).status(), {
      timeout: Math.max(0, publishAt.getTime() - Date.now()) + 5_000,
      intervals: [250, 500],
    })
    .toBe(200);
  expect(Date.now()).toBeGreaterThanOrEqual(publishAt.getTime());
  await expectFresh(page, '/', () =>
    expect(page.getByRole('link', { name: `Fictional test story ${slug}` }).first()).toBeVisible(ONE_LOAD),
  );
});

test('a slug change keeps the old address working with a permanent redirect', async ({ page, editor }) => {
  const key = editor.key('moved');
  await editor.write(key, { slug: `${key}-old` });
  await seed();
  expect((await page.request.get(`/articles/${key}-old`)).status()).toBe(200);

  await editor.write(key, { slug: `${key}-new` });
  await seed();
  // The old address was cached with the article; it turns into the redirect once the site notices
  // the seed (within 5 s, tests/support/e2e/fresh.ts).
  const old = () => page.request.get(`/articles/${key}-old`, { maxRedirects: 0 });
  await expect.poll(async () => (await old()).status(), { timeout: 5_000, intervals: [100, 250, 500] }).toBe(308);
  expect((await old()).headers().location).toMatch(new RegExp(`/articles/${key}-new$`));
  expect((await page.request.get(`/articles/${key}-new`)).status()).toBe(200);
});

test('a correction added to an article is shown to readers', async ({ page, editor }) => {
  const key = editor.key('corrected');
  await editor.write(key);
  await seed();
  await editor.write(key, {
    // Dated today in the newsroom's time zone: the content lint refuses a correction dated before the article (or in the future).
    corrections: [
      {
        date: new Intl.DateTimeFormat('en-CA', { timeZone: process.env.SITE_TIMEZONE ?? 'Europe/London' }).format(
          new Date(),
        ),
        kind: 'correction',
        text: 'A fictional correction added by the CMS test.',
      },
    ],
  });
  await seed();
  await expectFresh(page, `/articles/${key}`, () =>
    expect(page.locator('.corrections')).toContainText('A fictional correction added by the CMS test.', ONE_LOAD),
  );
});

test('the revalidation endpoint refuses a request without the secret', async ({ request }) => {
  expect((await request.post('/api/revalidate')).status()).toBe(401);
  const wrong = await request.post('/api/revalidate', { headers: { Authorization: 'Bearer not-the-secret-at-all' } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toMatchObject({ revalidated: false });
});
