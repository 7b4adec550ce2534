import Link from 'next/link';
import type { ArticleSummary } from '@/lib/data/types';
import { Timestamp } from './timestamp';
import { paths } from '@/lib/site/paths';

/**
 * An article in a list: the lead story gets the large treatment, the rest a compact one. The
 * heading level follows the page's outline (h2 under the page's h1, h3 under a section heading).
 */
export function StoryCard({
  article,
  lead = false,
  level = 3,
}: {
  article: ArticleSummary;
  lead?: boolean;
  level?: 2 | 3;
}) {
  const Heading = lead ? 'h2' : (`h${level}` as const);
  return (
    <article className={lead ? 'story story--lead' : 'story'}>
      <p className="kicker">{article.section.name}</p>
      <Heading className="story__headline">
        <Link href={paths.article(article.slug)}>{article.headline}</Link>
      </Heading>
      {article.standfirst && <p className="story__standfirst">{article.standfirst}</p>}
      <p className="story__meta">
        <Timestamp iso={article.publishedAt} dateOnly={article.publishedDateOnly} />
      </p>
    </article>
  );
}
