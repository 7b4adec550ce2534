import Link from 'next/link';
import type { ArticleSummary } from '@/lib/data/types';
import { formatDateTime } from '@/lib/format';

/** An article in a list: the lead story gets the large treatment, the rest a compact one. */
export function StoryCard({ article, lead = false }: { article: ArticleSummary; lead?: boolean }) {
  const Heading = lead ? 'h2' : 'h3';
  return (
    <article className={lead ? 'story story--lead' : 'story'}>
      <p className="kicker">{article.section.name}</p>
      <Heading className="story__headline">
        <Link href={`/articles/${article.slug}`}>{article.headline}</Link>
      </Heading>
      {article.standfirst && <p className="story__standfirst">{article.standfirst}</p>}
      <p className="story__meta">
        <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time>
      </p>
    </article>
  );
}
