import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readContentFiles, splitFrontMatter } from './files';
import { renderMarkdown } from './markdown';
import { validateContent } from './validate';

// The first article is the user's text: headline and paragraphs must stay exactly as given. Editors
// add articles beside it, so these tests look for this one article, never at how many there are. The
// source text it was made from is kept in tests/fixtures so the word-for-word check runs everywhere.
const root = fileURLToPath(new URL('../../', import.meta.url));
const contentDir = path.join(root, 'prisma/content');
const articleFile = path.join(contentDir, 'articles/trump-putin-call-no-ceasefire-progress.md');
const sourceText = path.join(root, 'tests/fixtures/first-article-source.txt');

async function committedArticle() {
  const files = await readContentFiles(contentDir);
  if (!files) throw new Error('prisma/content/articles is missing');
  const { problems, content } = validateContent(files, {
    timeZone: 'Europe/London',
    publicDir: path.join(root, 'public'),
  });
  expect(problems).toEqual([]);
  const article = content.articles.find((candidate) => candidate.key === 'trump-putin-call-no-ceasefire-progress');
  if (!article) throw new Error('the first article is missing');
  return article;
}

describe('the first article', () => {
  it('is in the real content folder, valid, in World, published 3 July 2025, with no byline', async () => {
    const article = await committedArticle();
    expect(article).toMatchObject({ section: 'world', status: 'PUBLISHED', authors: [], publishedDateOnly: true });
    expect(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(article.publishedAt ?? undefined),
    ).toBe('2025-07-03');
  });

  it('keeps each source paragraph as its own paragraph, through rendering too', async () => {
    const article = await committedArticle();
    const split = splitFrontMatter(readFileSync(articleFile, 'utf8'));
    const paragraphs = split?.body.trim().split('\n\n') ?? [];
    expect(paragraphs).toHaveLength(11);
    for (const paragraph of paragraphs) expect(paragraph).not.toContain('\n');
    expect(renderMarkdown(article.body).text.split('\n\n')).toEqual(paragraphs);
    expect(article.body).toContain('“had not progressed”');
  });

  it('matches its source text word for word', async () => {
    const article = await committedArticle();
    const [headline, ...rest] = readFileSync(sourceText, 'utf8').split('\n');
    const sourceParagraphs = rest.filter((line) => line.trim() !== '');
    expect(article.headline).toBe(headline);
    expect(article.body.split('\n\n')).toEqual(sourceParagraphs);
    expect(renderMarkdown(article.body).text.split('\n\n')).toEqual(sourceParagraphs);
  });
});
