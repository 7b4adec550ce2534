import type { ArticleSummary } from '@/lib/data/types';
import { StoryCard } from './story-card';

export function RelatedStories({ articles }: { articles: ArticleSummary[] }) {
  if (articles.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading" className="rule-heading">
        Related stories
      </h2>
      <div className="story-grid">
        {articles.map((article) => (
          <StoryCard key={article.slug} article={article} />
        ))}
      </div>
    </section>
  );
}
