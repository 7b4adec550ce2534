import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StoryList } from '@/app/_components/story-list';
import { parseListParams, type SearchParams } from '@/app/_lib/search-params';
import { getSectionPage } from '@/lib/data/articles';
import { listingMetadata } from '@/lib/site/metadata';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

async function load({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = parseListParams(await searchParams);
  return query && isValidSlug(slug) ? getSectionPage(slug, query.page) : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const data = await load(props);
  if (!data) return {};
  const { section, list } = data;
  return listingMetadata(
    { kind: 'section', slug: section.slug, name: section.name },
    list.page,
    section.description ?? `The latest ${section.name} stories.`,
  );
}

export default async function SectionPage(props: Props) {
  const data = await load(props);
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
