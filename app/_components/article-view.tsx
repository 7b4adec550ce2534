import Link from 'next/link';
import type { ArticleDetail } from '@/lib/data/types';
import { Byline } from './byline';
import { Corrections } from './corrections';
import { Dateline } from './dateline';
import { LeadImage } from './lead-image';

export function ArticleView({ article }: { article: ArticleDetail }) {
  return (
    <article className="article">
      <header className="article__header">
        <p className="kicker">
          <Link href={`/sections/${article.section.slug}`}>{article.section.name}</Link>
        </p>
        <h1 className="article__headline">{article.headline}</h1>
        {article.standfirst && <p className="standfirst">{article.standfirst}</p>}
        <Byline authors={article.authors} />
        <Dateline publishedAt={article.publishedAt} updatedAt={article.updatedAt} />
      </header>
      {article.image && <LeadImage image={article.image} priority />}
      {/* bodyHtml is rendered from Markdown and sanitised by the seed (lib/content/markdown.ts). */}
      <div className="article__body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      <Corrections corrections={article.corrections} />
    </article>
  );
}
