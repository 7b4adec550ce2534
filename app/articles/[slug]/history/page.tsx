import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getArticleHistory } from '@/lib/data/history';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';
import { VersionEntry } from './version-entry';
import './history.css';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  return isValidSlug(slug) ? getArticleHistory(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const history = await load((await params).slug);
  if (!history) return {};
  return {
    title: `What changed: ${history.headline}`,
    description: `Every version of "${history.headline}" readers have seen, and what changed.`,
    alternates: { canonical: paths.articleHistory(history.slug) },
  };
}

export default async function ArticleHistoryPage({ params }: Props) {
  const history = await load((await params).slug);
  if (!history) notFound();
  return (
    <div className="history">
      <header>
        <p className="kicker">
          <Link href={paths.article(history.slug)}>Back to the article</Link>
        </p>
        <h1>What changed: {history.headline}</h1>
        <p>
          Every version readers have seen, newest first. Words added are <ins>underlined</ins>; words removed are{' '}
          <del>struck through</del>. Corrections are listed on the{' '}
          <Link href={paths.corrections}>corrections page</Link> too.
        </p>
      </header>
      <ol className="history__versions">
        {history.versions.map((version) => (
          <VersionEntry key={version.number} version={version} />
        ))}
      </ol>
    </div>
  );
}
