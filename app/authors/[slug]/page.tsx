import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StoryList } from '@/app/_components/story-list';
import { parseListParams, type SearchParams } from '@/app/_lib/search-params';
import { getAuthorPage } from '@/lib/data/articles';
import { listingMetadata } from '@/lib/site/metadata';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

async function load({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = parseListParams(await searchParams);
  return query && isValidSlug(slug) ? getAuthorPage(slug, query.page) : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const data = await load(props);
  if (!data) return {};
  const { author, list } = data;
  return listingMetadata(
    { kind: 'author', slug: author.slug, name: author.name },
    list.page,
    author.bio ?? `Stories by ${author.name}.`,
  );
}

export default async function AuthorPage(props: Props) {
  const data = await load(props);
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
