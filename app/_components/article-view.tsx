import Link from 'next/link';
import type { ArticleDetail, ArticleSummary } from '@/lib/data/types';
import { Byline } from './byline';
import { Corrections } from './corrections';
import { Dateline } from './dateline';
import { LeadImage } from './lead-image';
import { RelatedStories } from './related-stories';
import { TagList } from './tag-list';
import { paths } from '@/lib/site/paths';

export function ArticleView({ article, related = [] }: { article: ArticleDetail; related?: ArticleSummary[] }) {
  return (
    <>
      <article className="article">
        <header className="article__header">
          {/* Links in the article's first screen do not prefetch, as the header's (site-header.tsx). */}
          <p className="kicker">
            <Link href={paths.section(article.section.slug)} prefetch={false}>
              {article.section.name}
            </Link>
          </p>
          <h1 className="article__headline">{article.headline}</h1>
          {article.standfirst && <p className="standfirst">{article.standfirst}</p>}
          <Byline authors={article.authors} />
          <Dateline
            publishedAt={article.publishedAt}
            publishedDateOnly={article.publishedDateOnly}
            updatedAt={article.updatedAt}
            wordCount={article.wordCount}
            historyHref={paths.articleHistory(article.slug)}
          />
        </header>
        {article.image && <LeadImage image={article.image} priority />}
        {/* bodyHtml is rendered from Markdown and sanitised by the seed (lib/content/markdown.ts). */}
        <div className="article__body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        <Corrections corrections={article.corrections} />
        <TagList tags={article.tags} />
      </article>
      <RelatedStories articles={related} />
    </>
  );
}
