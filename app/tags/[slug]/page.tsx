import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StoryList } from '@/app/_components/story-list';
import { parseListParams, type SearchParams } from '@/app/_lib/search-params';
import { getTagPage } from '@/lib/data/articles';
import { listingMetadata } from '@/lib/site/metadata';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

async function load({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = parseListParams(await searchParams);
  return query && isValidSlug(slug) ? getTagPage(slug, query.page) : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const data = await load(props);
  if (!data) return {};
  const { tag, list } = data;
  return listingMetadata({ kind: 'tag', slug: tag.slug, name: tag.name }, list.page, `Stories about ${tag.name}.`);
}

export default async function TagPage(props: Props) {
  const data = await load(props);
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
