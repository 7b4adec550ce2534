import type { ArticleDetail } from '../../lib/data/types';
import type { SiteIdentity } from '../../lib/site/identity';

// Shared by the distribution unit tests: a site that is not the configured one (so tests prove URLs
// come from the argument) and an article factory.

export const testSite: SiteIdentity = {
  name: 'The Test Gazette',
  url: 'https://gazette.example',
  description: 'Invented news for tests.',
  language: 'en-GB',
  logo: { path: '/logo.png', width: 512, height: 512 },
};

/** A headline that breaks naive XML, HTML and JSON-LD output. */
export const HOSTILE_HEADLINE = `Tom & Jerry's "<b>bold</b>" </script><script>alert(1)</script> ]]> deal`;

export function makeArticle(slug: string, fields: Partial<ArticleDetail> = {}): ArticleDetail {
  return {
    key: slug,
    slug,
    headline: `Headline of ${slug}`,
    standfirst: `Standfirst of ${slug}.`,
    publishedAt: '2026-03-10T09:00:00.000Z',
    publishedDateOnly: false,
    updatedAt: '2026-03-10T09:00:00.000Z',
    section: { slug: 'world', name: 'World' },
    authors: [{ slug: 'ada-byline', name: 'Ada Byline' }],
    image: null,
    bodyHtml: `<p>Body of ${slug}.</p>`,
    bodyText: `Body of ${slug}.`,
    wordCount: 3,
    tags: [{ slug: 'diplomacy', name: 'Diplomacy' }],
    corrections: [],
    ...fields,
  };
}

export { htmlText, parseXml, text } from './xml';
