import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContentFiles } from '../files';
import { DEFAULT_CONFIG, loadLintConfig, resolveConfig, type RuleId } from './config';
import { formatLintResult, lintFiles } from './lint';

// Each rule, on small article files held in memory: what an editor would see for the file.

const NOW = new Date('2026-03-10T12:00:00Z');
const TIME_ZONE = 'Europe/London';

interface Fields {
  [field: string]: unknown;
}

/** An article that passes every rule; `overrides` and `body` make it break one. */
function article(key: string, overrides: string[] = [], body = 'Some text.'): { key: string; text: string } {
  const fields: Fields = {
    slug: key,
    headline: `"A headline for ${key}"`,
    standfirst: 'One sentence under the headline.',
    section: 'world',
    status: 'published',
    publishedAt: '2026-03-01 09:00',
  };
  const lines = Object.entries(fields)
    .filter(([field]) => !overrides.some((line) => line.startsWith(`${field}:`) || line === `-${field}`))
    .map(([field, value]) => `${field}: ${String(value)}`);
  const added = overrides.filter((line) => !line.startsWith('-'));
  return { key, text: `---\n${[...lines, ...added].join('\n')}\n---\n\n${body}\n` };
}

function lint(articles: { key: string; text: string }[], config = DEFAULT_CONFIG) {
  const files: ContentFiles = {
    dir: 'content',
    articles: articles.map(({ key, text }) => ({
      display: `content/articles/${key}.md`,
      relative: `articles/${key}.md`,
      text,
    })),
  };
  return lintFiles(files, { config, timeZone: TIME_ZONE, now: NOW });
}

const rulesOf = (result: ReturnType<typeof lint>) => result.findings.map((finding) => finding.rule);

function only(rule: RuleId, result: ReturnType<typeof lint>) {
  expect(rulesOf(result)).toEqual([rule]);
  return result.findings[0]!;
}

describe('content lint', () => {
  it('finds nothing in a clean article', () => {
    expect(lint([article('clean')]).findings).toEqual([]);
  });

  it('headline-too-long: over 110 characters, at the headline line', () => {
    const finding = only('headline-too-long', lint([article('long', [`headline: "${'x'.repeat(111)}"`])]));
    expect(finding).toMatchObject({ file: 'content/articles/long.md', line: 7, severity: 'warning' });
    expect(finding.message).toContain('111 characters');
    expect(lint([article('fits', [`headline: "${'x'.repeat(110)}"`])]).findings).toEqual([]);
  });

  it('standfirst-missing and standfirst-too-long', () => {
    expect(only('standfirst-missing', lint([article('none', ['-standfirst'])])).line).toBe(3);
    expect(only('standfirst-missing', lint([article('blank', ['standfirst: ""'])])).line).toBe(7);
    const long = only('standfirst-too-long', lint([article('long', [`standfirst: ${'y'.repeat(251)}`])]));
    expect(long.message).toContain('251 characters');
  });

  it('image-alt: missing, empty or the file name, on the lead image and in the text', () => {
    const lead = (alt: string) => [`image:\n  src: /images/harbour-view.jpg\n${alt}\n  credit: "Photo: Jo"`];
    expect(only('image-alt', lint([article('no-alt', lead('  caption: x'))])).message).toContain('no alt text');
    expect(only('image-alt', lint([article('empty', lead('  alt: ""'))])).message).toContain('empty alt text');
    expect(only('image-alt', lint([article('file', lead('  alt: harbour-view.jpg'))])).message).toContain('file name');
    expect(only('image-alt', lint([article('stem', lead('  alt: Harbour-View'))])).line).toBe(10);
    const body = lint([article('body', [], 'Text.\n\n![](/images/chart.png)')]);
    expect(only('image-alt', body)).toMatchObject({ line: 12, severity: 'error' });
  });

  it('image-credit: a lead image with no credit', () => {
    const finding = only(
      'image-credit',
      lint([article('uncredited', ['image:\n  src: /images/a.jpg\n  alt: A harbour at dawn'])]),
    );
    expect(finding.line).toBe(8);
  });

  it('article-link: a link to an article that is not public, at its line in the file', () => {
    const drafts = article('draft-one', ['status: draft']);
    const scheduled = article('later', ['publishedAt: 2026-04-01']);
    const linking = article(
      'linking',
      [],
      'See [the draft](/articles/draft-one), [the later one](/articles/later#top) and [a typo](/articles/no-such).\n\n' +
        'And [a fine one](/articles/clean) and [outside](https://example.org/articles/x).',
    );
    const result = lint([article('clean'), drafts, scheduled, linking]);
    const links = result.findings.filter((finding) => finding.rule === 'article-link');
    expect(links.map((finding) => finding.message.match(/to (\S+)/)?.[1])).toEqual([
      '/articles/draft-one',
      '/articles/later#top',
      '/articles/no-such',
    ]);
    expect(links.every((finding) => finding.file === 'content/articles/linking.md' && finding.line === 10)).toBe(true);
  });

  it('link-text: an empty link or one that says "click here"', () => {
    const result = lint([
      article(
        'vague',
        [],
        'Read the report: [click here](https://example.org/report).\n\nAlso [ ](https://example.org/x).',
      ),
    ]);
    expect(rulesOf(result)).toEqual(['link-text', 'link-text']);
    expect(result.findings[0]).toMatchObject({ line: 10, severity: 'error' });
    expect(result.findings[0]!.message).toContain('"click here"');
    expect(result.findings[1]).toMatchObject({ line: 12 });
    expect(result.findings[1]!.message).toContain('has no text');
  });

  it('duplicate-headline: each file that shares a headline, naming the others', () => {
    const result = lint([article('one', ['headline: Same words']), article('two', ['headline: same  WORDS'])]);
    expect(rulesOf(result)).toEqual(['duplicate-headline', 'duplicate-headline']);
    expect(result.findings[0]!.message).toContain('content/articles/two.md');
  });

  it('correction-in-future: a correction dated after now', () => {
    const correction = (date: string) => [`corrections:\n  - date: ${date}\n    kind: correction\n    text: Fixed.`];
    const finding = only('correction-in-future', lint([article('future', correction('2026-03-11'))]));
    expect(finding).toMatchObject({ line: 9, severity: 'error' });
    expect(lint([article('today', correction('2026-03-10'))]).findings).toEqual([]);
  });

  it('correction-before-article: a correction dated before publication, same day allowed', () => {
    const correction = (date: string) => [`corrections:\n  - date: ${date}\n    kind: update\n    text: Added.`];
    expect(only('correction-before-article', lint([article('early', correction('2026-02-28'))])).line).toBe(9);
    expect(lint([article('same-day', correction('2026-03-01'))]).findings).toEqual([]);
  });

  it('follows the config: a rule turned off, a severity changed, a limit moved', () => {
    const config = resolveConfig({
      rules: {
        'standfirst-missing': { severity: 'off' },
        'headline-too-long': { severity: 'error', max: 20 },
      },
    });
    const result = lint([article('configured', ['-standfirst', 'headline: A headline of thirty characters'])], config);
    expect(result.findings.map(({ rule, severity }) => ({ rule, severity }))).toEqual([
      { rule: 'headline-too-long', severity: 'error' },
    ]);
    expect(result.errors).toBe(1);
  });

  it('reads the committed config file and rejects an unknown rule', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lint-config-'));
    try {
      const file = path.join(dir, 'lint.json');
      writeFileSync(file, JSON.stringify({ rules: { 'no-such-rule': { severity: 'error' } } }));
      await expect(loadLintConfig(file)).rejects.toThrow(/lint\.json is not a valid lint configuration/);
      expect(await loadLintConfig(path.join(dir, 'missing.json'))).toEqual(DEFAULT_CONFIG);
      await expect(loadLintConfig(path.resolve('content-lint.json'))).resolves.toMatchObject({
        rules: { 'headline-too-long': { max: 110 } },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints file:line, severity and rule id, then a count', () => {
    const lines = formatLintResult(lint([article('none', ['-standfirst'])]));
    expect(lines).toEqual([
      expect.stringMatching(/^content\/articles\/none\.md:3 warning standfirst-missing: /),
      'Content lint: 0 errors, 1 warning in 1 article.',
    ]);
  });
});
