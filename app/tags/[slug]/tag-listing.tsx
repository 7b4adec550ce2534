import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StoryList } from '@/app/_components/story-list';
import { getTagPage } from '@/lib/data/listing-pages';
import { listingMetadata } from '@/lib/site/metadata';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

// One page of a tag's list, shared by page 1 (tags/[slug]/page.tsx) and the later pages
// (tags/[slug]/[page]/page.tsx, reached through proxy.ts's rewrite of `?page=N`).

async function load(slug: string, page: number) {
  return isValidSlug(slug) ? getTagPage(slug, page) : null;
}

export async function tagMetadata(slug: string, page: number): Promise<Metadata> {
  const data = await load(slug, page);
  if (!data) return {};
  const { tag, list } = data;
  return listingMetadata({ kind: 'tag', slug: tag.slug, name: tag.name }, list.page, `Stories about ${tag.name}.`);
}

export async function TagListing({ slug, page }: { slug: string; page: number }) {
  const data = await load(slug, page);
  if (!data) notFound();
  const { tag, list } = data;
  return (
    <div className="list-page">
      <header className="list-page__header">
        <p className="kicker">Topic</p>
        <h1>{tag.name}</h1>
      </header>
      <StoryList list={list} path={paths.tag(tag.slug)} empty={`No stories about ${tag.name} yet.`} />
    </div>
  );
}
