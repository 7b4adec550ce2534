import Link from 'next/link';
import { getFrontPage } from '@/lib/data/front-page';
import { frontPageMetadata } from '@/lib/site/metadata';
import { site } from '@/lib/site/identity';
import { webSiteJsonLd } from '@/lib/site/structured-data';
import { JsonLd } from './_components/json-ld';
import { StoryCard } from './_components/story-card';
import { StoryGrid } from './_components/story-grid';
import { paths } from '@/lib/site/paths';

// Canonical URL, Open Graph and the site feeds (lib/site/metadata.ts).
export const metadata = frontPageMetadata;

// Served from Next's cache until the content changes (decision 003).
export const revalidate = false;

export default async function FrontPage() {
  const { lead, sections } = await getFrontPage();
  return (
    <div className="front">
      <JsonLd data={webSiteJsonLd(site)} />
      <h1 className="visually-hidden">Latest news</h1>
      {lead ? (
        <>
          <section aria-label="Lead story" className="front__lead">
            <StoryCard article={lead} lead />
          </section>
          {sections.map(({ section, articles }) => (
            <section key={section.slug} aria-labelledby={`front-${section.slug}`} className="front__section">
              <h2 id={`front-${section.slug}`} className="rule-heading">
                <Link href={paths.section(section.slug)}>{section.name}</Link>
              </h2>
              <StoryGrid articles={articles} />
            </section>
          ))}
        </>
      ) : (
        <p className="empty">No articles have been published yet.</p>
      )}
    </div>
  );
}
