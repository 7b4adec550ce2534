import { getLatestArticles } from '@/lib/data/articles';
import { StoryCard } from './_components/story-card';

const FRONT_PAGE_SIZE = 13;

export default async function FrontPage() {
  const [lead, ...rest] = await getLatestArticles(FRONT_PAGE_SIZE);
  return (
    <div className="front">
      <h1 className="visually-hidden">Latest news</h1>
      {lead ? (
        <>
          <section aria-label="Lead story" className="front__lead">
            <StoryCard article={lead} lead />
          </section>
          {rest.length > 0 && (
            <section aria-labelledby="latest-heading" className="front__latest">
              <h2 id="latest-heading" className="rule-heading">
                Latest
              </h2>
              <div className="story-grid">
                {rest.map((article) => (
                  <StoryCard key={article.slug} article={article} />
                ))}
              </div>
            </section>
          )}
        </>
      ) : (
        <p className="empty">No articles have been published yet.</p>
      )}
    </div>
  );
}
