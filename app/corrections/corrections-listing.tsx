import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { KIND_LABEL } from '@/app/_components/corrections';
import { Pagination } from '@/app/_components/pagination';
import { getCorrectionsPage } from '@/lib/data/history';
import { formatDate } from '@/lib/format';
import { correctionHref } from '@/lib/site/corrections-feed';
import { pageHref, paths } from '@/lib/site/paths';
import '../articles/[slug]/history/history.css';

// One page of the site-wide corrections list, shared by page 1 (corrections/page.tsx) and the later
// pages (corrections/[page]/page.tsx, reached through proxy.ts's rewrite of `?page=N`).

export async function correctionsMetadata(page: number): Promise<Metadata> {
  const list = await getCorrectionsPage(page);
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

export async function CorrectionsListing({ page }: { page: number }) {
  const list = await getCorrectionsPage(page);
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
