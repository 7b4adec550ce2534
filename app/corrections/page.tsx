import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { KIND_LABEL } from '@/app/_components/corrections';
import { Pagination } from '@/app/_components/pagination';
import { parseListParams, type SearchParams } from '@/app/_lib/search-params';
import { getCorrectionsPage } from '@/lib/data/history';
import { formatDate } from '@/lib/format';
import { correctionHref } from '@/lib/site/corrections-feed';
import { pageHref, paths } from '@/lib/site/paths';
import '../articles/[slug]/history/history.css';

type Props = { searchParams: Promise<SearchParams> };

async function load({ searchParams }: Props) {
  const query = parseListParams(await searchParams);
  return query ? getCorrectionsPage(query.page) : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const list = await load(props);
  if (!list) return {};
  return {
    title: list.page > 1 ? `Corrections (page ${list.page})` : 'Corrections',
    description: 'Every correction and clarification to our stories, newest first.',
    alternates: {
      canonical: pageHref(paths.corrections, list.page),
      types: {
        'application/rss+xml': paths.correctionsFeed('rss'),
        'application/atom+xml': paths.correctionsFeed('atom'),
      },
    },
  };
}

export default async function CorrectionsPage(props: Props) {
  const list = await load(props);
  if (!list) notFound();
  return (
    <div className="list-page history">
      <header className="list-page__header">
        <h1>Corrections</h1>
        <p className="list-page__intro">
          When we get something wrong we say so. Every correction and clarification, newest first; follow them by{' '}
          <a href={paths.correctionsFeed('rss')}>RSS</a> or <a href={paths.correctionsFeed('atom')}>Atom</a>.
        </p>
      </header>
      {list.items.length > 0 ? (
        <ol className="corrections-list">
          {list.items.map((entry) => (
            <li key={`${entry.article.key}:${entry.position}`}>
              <p>
                <strong>{KIND_LABEL[entry.kind]}</strong>, <time dateTime={entry.date}>{formatDate(entry.date)}</time>
              </p>
              <p>{entry.text}</p>
              <p>
                <Link href={paths.article(entry.article.slug)}>{entry.article.headline}</Link> (
                <Link href={correctionHref(entry)}>
                  see the change<span className="visually-hidden"> to {entry.article.headline}</span>
                </Link>
                )
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">No corrections have been published.</p>
      )}
      <Pagination path={paths.corrections} page={list.page} pageCount={list.pageCount} />
    </div>
  );
}
