import type { ArticleSummary } from '@/lib/data/types';
import { StoryCard } from './story-card';

/** Stories as compact cards in a responsive grid (front page sections, related stories). */
export function StoryGrid({ articles }: { articles: ArticleSummary[] }) {
  return (
    <div className="story-grid">
      {articles.map((article) => (
        <StoryCard key={article.slug} article={article} />
      ))}
    </div>
  );
}
