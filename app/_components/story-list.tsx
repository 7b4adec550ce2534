import type { ArticleSummary, ListPage } from '@/lib/data/types';
import { Pagination } from './pagination';
import { StoryCard } from './story-card';

/** One page of a section, tag or author list, its stories under the page's <h1>, then the page links. */
export function StoryList({ list, path, empty }: { list: ListPage<ArticleSummary>; path: string; empty: string }) {
  return (
    <>
      {list.items.length > 0 ? (
        <div className="story-list">
          {list.items.map((article) => (
            <StoryCard key={article.slug} article={article} level={2} />
          ))}
        </div>
      ) : (
        <p className="empty">{empty}</p>
      )}
      <Pagination path={path} page={list.page} pageCount={list.pageCount} />
    </>
  );
}
