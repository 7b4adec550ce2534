import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StoryList } from '@/app/_components/story-list';
import { getSectionPage } from '@/lib/data/listing-pages';
import { listingMetadata } from '@/lib/site/metadata';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

// One page of a section's list, shared by page 1 (sections/[slug]/page.tsx) and the later pages
// (sections/[slug]/[page]/page.tsx, reached through proxy.ts's rewrite of `?page=N`).

async function load(slug: string, page: number) {
  return isValidSlug(slug) ? getSectionPage(slug, page) : null;
}

export async function sectionMetadata(slug: string, page: number): Promise<Metadata> {
  const data = await load(slug, page);
  if (!data) return {};
  const { section, list } = data;
  return listingMetadata(
    { kind: 'section', slug: section.slug, name: section.name },
    list.page,
    section.description ?? `The latest ${section.name} stories.`,
  );
}

export async function SectionListing({ slug, page }: { slug: string; page: number }) {
  const data = await load(slug, page);
  if (!data) notFound();
  const { section, list } = data;
  return (
    <div className="list-page">
      <header className="list-page__header">
        <h1>{section.name}</h1>
        {section.description && <p className="list-page__intro">{section.description}</p>}
      </header>
      <StoryList
        list={list}
        path={paths.section(section.slug)}
        empty={`No ${section.name} stories have been published yet.`}
      />
    </div>
  );
}
