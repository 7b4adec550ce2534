import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StoryList } from '@/app/_components/story-list';
import { getAuthorPage } from '@/lib/data/listing-pages';
import { listingMetadata } from '@/lib/site/metadata';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

// One page of a author's list, shared by page 1 (authors/[slug]/page.tsx) and the later pages
// (authors/[slug]/[page]/page.tsx, reached through proxy.ts's rewrite of `?page=N`).

async function load(slug: string, page: number) {
  return isValidSlug(slug) ? getAuthorPage(slug, page) : null;
}

export async function authorMetadata(slug: string, page: number): Promise<Metadata> {
  const data = await load(slug, page);
  if (!data) return {};
  const { author, list } = data;
  return listingMetadata(
    { kind: 'author', slug: author.slug, name: author.name },
    list.page,
    author.bio ?? `Stories by ${author.name}.`,
  );
}

export async function AuthorListing({ slug, page }: { slug: string; page: number }) {
  const data = await load(slug, page);
  if (!data) notFound();
  const { author, list } = data;
  return (
    <div className="list-page">
      <header className="list-page__header author-profile">
        <h1>{author.name}</h1>
        {author.role && <p className="author-profile__role">{author.role}</p>}
        {author.bio && <p className="list-page__intro">{author.bio}</p>}
      </header>
      <StoryList list={list} path={paths.author(author.slug)} empty={`${author.name} has no published stories yet.`} />
    </div>
  );
}
