import type { ArticleSummary } from '@/lib/data/types';
import { StoryGrid } from './story-grid';

export function RelatedStories({ articles }: { articles: ArticleSummary[] }) {
  if (articles.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading" className="rule-heading">
        Related stories
      </h2>
      <StoryGrid articles={articles} />
    </section>
  );
}
