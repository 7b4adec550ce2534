import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { stringify } from 'yaml';
import { parseXml, text } from '../tests/support/xml';
import { contentDir, runSeed } from '../tests/support/e2e/content';
import { expectFresh, ONE_LOAD } from '../tests/support/e2e/fresh';
import { collectPageErrors } from '../tests/support/e2e/page-errors';

// What readers see of a story's changes (docs/editing.md, "What readers see of a change"): the
// history page with its word diffs, the "Updated … see what changed" link, minor changes, the
// corrections page and feeds; and what an editor sees from the content lint. Each test writes its
// own worker-unique files into the run's content folder and seeds them.

interface Story {
  key: string;
  /** Writes articles/<key>.md with these fields and paragraphs, then runs the seed. */
  save(fields: Record<string, unknown>, paragraphs: string[]): Promise<void>;
}

const test = base.extend<{ story: Story }>({
  story: async ({}, provide, testInfo) => {
    const key = `history-w${testInfo.workerIndex}-${Date.now().toString(36)}`;
    const file = path.join(contentDir(), 'articles', `${key}.md`);
    await provide({
      key,
      async save(fields, paragraphs) {
        const frontMatter = { slug: key, section: 'world', authors: [], status: 'published', ...fields };
        await writeFile(file, `---\n${stringify(frontMatter)}---\n\n${paragraphs.join('\n\n')}\n`);
        const { stdout } = await runSeed();
        expect(stdout).toMatch(/Articles: \d+ created, \d+ updated, \d+ unchanged/);
        // The running site notices the seed on its own, within about a second (server/content-watch.ts);
        // checks of what readers see afterwards load the page until it shows (tests/support/e2e/fresh.ts).
        expect(stdout).not.toContain('Note:');
      },
    });
    await rm(file, { force: true });
  },
});

// Each test runs the real seed (with its lint) two or three times, seconds each on a busy machine.
test.describe.configure({ timeout: 180_000 });

// Published ten minutes ago, so a change seeded now is a real update (more than a minute later).
const published = () => new Date(Date.now() - 10 * 60_000).toISOString();
// A correction dated today in the newsroom's time zone: the lint refuses one dated before the article.
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: process.env.SITE_TIMEZONE ?? 'Europe/London' }).format(new Date());

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('a change readers saw is shown word by word, linked from "Updated", drafts never shown', async ({
  page,
  story,
}) => {
  const errors = collectPageErrors(page);
  const standfirst = 'A fictional story for the history tests.';
  await story.save({ headline: 'Fictional draft headline', standfirst, status: 'draft' }, ['Draft words nobody saw.']);
  const publishedAt = published();
  await story.save({ headline: 'Fictional harbour reopens', standfirst, publishedAt }, [
    'The fictional harbour reopened on Monday.',
    'Fishermen cheered.',
  ]);
  await story.save(
    {
      headline: 'Fictional harbour reopens after storm',
      standfirst,
      publishedAt,
      corrections: [{ date: today(), kind: 'correction', text: 'We misnamed the weekday.' }],
    },
    ['The fictional harbour reopened on Tuesday.', 'Fishermen cheered.'],
  );

  const updated = page.locator('.dateline__updated');
  await expectFresh(page, `/articles/${story.key}`, () => expect(updated).toContainText('Updated', ONE_LOAD));
  await updated.getByRole('link', { name: 'see what changed' }).click();
  await expect(page).toHaveURL(`/articles/${story.key}/history`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'What changed: Fictional harbour reopens after storm',
  );

  const versions = page.locator('.history__version');
  await expect(versions).toHaveCount(2);
  const latest = versions.first();
  await expect(latest.getByRole('heading', { level: 2 })).toHaveText('Version 2');
  await expect(latest.locator('ins')).toHaveText(['[added: after storm]', '[added: Tuesday]']);
  await expect(latest.locator('del')).toHaveText(['[removed: Monday]']);
  await expect(latest.locator('#correction-1')).toContainText('We misnamed the weekday.');
  await expect(versions.nth(1)).toContainText('First published');
  await expect(page.locator('main')).not.toContainText('Draft words');
  await expect(page.locator('main')).not.toContainText('Fictional draft headline');

  // The article declares its correction to search engines.
  await page.goto(`/articles/${story.key}`);
  const jsonLd = (await page.locator('script[type="application/ld+json"]').allTextContents()).map(
    (json) => JSON.parse(json) as Record<string, unknown>,
  );
  const article = jsonLd.find((data) => data['@type'] === 'NewsArticle');
  expect(article?.correction).toEqual([
    expect.objectContaining({ '@type': 'CorrectionComment', text: 'We misnamed the weekday.' }),
  ]);
  expect(errors).toEqual([]);
});

test('a minor change is in the history but does not make the story "Updated"', async ({ page, story }) => {
  const fields = {
    headline: 'Fictional bridge repainted',
    standfirst: 'A fictional minor change.',
    publishedAt: published(),
  };
  await story.save(fields, ['The bridge was repainted in bleu.']);
  await story.save({ ...fields, minorChange: true }, ['The bridge was repainted in blue.']);

  await page.goto(`/articles/${story.key}`);
  await expect(page.locator('.dateline')).toBeVisible();
  await expect(page.locator('.dateline__updated')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'see what changed' })).toHaveCount(0);

  const latest = page.locator('.history__version').first();
  await expectFresh(page, `/articles/${story.key}/history`, () =>
    expect(latest.getByRole('heading', { level: 2 })).toHaveText('Version 2, a minor change', ONE_LOAD),
  );
  await expect(latest.locator('del')).toHaveText('[removed: bleu]');
  await expect(latest.locator('ins')).toHaveText('[added: blue]');
});

test('corrections are listed site-wide and in RSS and Atom with stable ids', async ({ page, story }) => {
  const publishedAt = published();
  const note = `A fictional clarification ${story.key}.`;
  await story.save(
    {
      headline: `Fictional corrected story ${story.key}`,
      standfirst: 'A fictional story with a clarification.',
      publishedAt,
      corrections: [{ date: today(), kind: 'clarification', text: note }],
    },
    ['Fictional text.'],
  );

  const entry = page.locator('.corrections-list li', { hasText: note });
  await expectFresh(page, '/corrections', () => expect(entry).toContainText('Clarification', ONE_LOAD));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corrections');
  await expect(
    entry.getByRole('link', { name: `Fictional corrected story ${story.key}`, exact: true }),
  ).toHaveAttribute('href', `/articles/${story.key}`);
  await expect(entry.getByRole('link', { name: /see the change/ })).toHaveAttribute(
    'href',
    `/articles/${story.key}/history#correction-1`,
  );

  const host = new URL(process.env.SITE_URL ?? '').hostname;
  const id = `tag:${host},2026:correction:${story.key}:1`;
  const rss = parseXml(await (await page.request.get('/corrections/feed.xml')).text());
  const items = (rss.rss as { channel: { item?: Record<string, unknown>[] } }).channel.item ?? [];
  const item = items.find((candidate) => text(candidate.guid) === id);
  expect(item?.title).toBe(`Clarification: Fictional corrected story ${story.key}`);
  expect(item?.link).toContain(`/articles/${story.key}/history#correction-1`);

  const atomResponse = await page.request.get('/corrections/atom.xml');
  expect(atomResponse.headers()['content-type']).toMatch(/application\/atom\+xml/);
  const atom = parseXml(await atomResponse.text());
  const entries = (atom.feed as { entry?: Record<string, unknown>[] }).entry ?? [];
  expect(entries.some((candidate) => text(candidate.id) === id)).toBe(true);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the history and corrections pages have no axe violations (${colorScheme})`, async ({ page, story }) => {
    const fields = {
      headline: 'Fictional axe story',
      standfirst: 'A fictional story for axe.',
      publishedAt: published(),
    };
    await story.save(fields, ['One fictional paragraph.']);
    await story.save({ ...fields, corrections: [{ date: today(), kind: 'update', text: 'Added a line.' }] }, [
      'One fictional paragraph, changed.',
      'A new paragraph.',
    ]);
    await page.emulateMedia({ colorScheme });
    for (const url of [`/articles/${story.key}/history`, '/corrections']) {
      await page.goto(url);
      expect(await axeViolations(page), url).toEqual([]);
    }
  });
}

test('the content lint names every broken rule with file:line, and its errors stop the seed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-e2e-'));
  try {
    cpSync(path.join(contentDir(), 'sections.yaml'), path.join(dir, 'sections.yaml'));
    cpSync(path.join(contentDir(), 'authors.yaml'), path.join(dir, 'authors.yaml'));
    const headline = `Fictional ${'very '.repeat(25)}long headline`;
    const article = (slug: string, extra: string, body: string) =>
      `---\nslug: ${slug}\nheadline: ${headline}\nsection: world\nstatus: published\npublishedAt: 2025-07-03 10:00\n${extra}---\n\n${body}\n`;
    const articles = path.join(dir, 'articles');
    mkdirSync(articles);
    writeFileSync(
      path.join(articles, 'broken.md'),
      article(
        'broken',
        'image:\n  src: /images/harbour.jpg\n  alt: harbour.jpg\ncorrections:\n  - date: 2025-07-01\n    kind: correction\n    text: Before publication.\n  - date: 2999-01-01\n    kind: correction\n    text: From the future.\n',
        'See [click here](/articles/no-such-story) and [](https://example.org/).',
      ),
    );
    writeFileSync(path.join(articles, 'twin.md'), article('twin', `standfirst: ${'word '.repeat(60)}\n`, 'Text.'));

    const run = promisify(execFile);
    const failure = await run(process.execPath, ['--import', 'tsx', 'scripts/lint-content.ts', '--content', dir]).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect('code' in failure && failure.code).toBe(1);
    const output = failure.stdout;
    const broken = `${path.join(dir, 'articles', 'broken.md')}`;
    for (const [line, severity, rule] of [
      [3, 'warning', 'headline-too-long'],
      [3, 'warning', 'standfirst-missing'],
      [7, 'warning', 'image-credit'],
      [9, 'error', 'image-alt'],
      [11, 'error', 'correction-before-article'],
      [14, 'error', 'correction-in-future'],
      [19, 'error', 'article-link'],
      [19, 'error', 'link-text'],
      [3, 'warning', 'duplicate-headline'],
    ] as const) {
      expect(output).toContain(`${broken}:${line} ${severity} ${rule}: `);
    }
    expect(output).toMatch(/twin\.md:7 warning standfirst-too-long: /);
    expect(output).toMatch(/Content lint: 6 errors, \d+ warnings in 2 articles\./);

    const seed = await run(process.execPath, ['--import', 'tsx', 'prisma/seed.ts', '--check'], {
      env: { ...process.env, CONTENT_DIR: dir },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in seed && seed.code).toBe(1);
    expect(seed.stderr).toContain('The content lint found errors; nothing was written to the database.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
