import { runSeed } from '../tests/support/e2e/content';
import { expect, test } from '../tests/support/e2e/editor';
import { expectFresh, ONE_LOAD } from '../tests/support/e2e/fresh';

// Search result pages asked for twice are stored by the site's server (server/response-cache.ts),
// like every other page: a seed must still reach them within 5 s (tests/support/e2e/fresh.ts).

test.describe.configure({ timeout: 90_000 });

test('a stored search page shows a newly seeded article within 5 s', async ({ page, editor }) => {
  const key = editor.key('searched');
  // A word no other story holds: letters and digits only, so the search engine keeps it whole.
  const word = `quillwort${key.replace(/[^a-z0-9]/gi, '')}`;
  const url = `/search?q=${word}`;
  const asked = [];
  for (let i = 0; i < 3; i++) {
    const response = await page.request.get(url);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('No stories match');
    asked.push(response.headers()['x-cache']);
  }
  // Rendered for the first ask, stored at the second, served stored at the third.
  expect(asked).toEqual(['BYPASS', 'MISS', 'HIT']);

  const { headline } = await editor.write(key, {}, { body: `A fictional story about ${word} in the harbour.` });
  const { stdout } = await runSeed();
  expect(stdout).toMatch(/Articles: \d+ created, \d+ updated, \d+ unchanged/);
  await expectFresh(page, url, async () => {
    await expect(page.locator('.search-result')).toHaveCount(1, ONE_LOAD);
    await expect(page.locator('.search-result .story__headline')).toHaveText(headline, ONE_LOAD);
  });
});
