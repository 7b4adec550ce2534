import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleView } from '@/app/_components/article-view';
import { getArticle, getRedirectTarget } from '@/lib/data/articles';
import { isValidSlug } from '@/lib/slug';

type Props = { params: Promise<{ slug: string }> };

// A description for search results and link previews: the standfirst, or the body's first sentences.
function describe(standfirst: string | null, bodyText: string): string {
  if (standfirst) return standfirst;
  return bodyText.length <= 160 ? bodyText : `${bodyText.slice(0, 157).replace(/\s+\S*$/, '')}…`;
}

async function load(slug: string) {
  return isValidSlug(slug) ? getArticle(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const article = await load(slug);
  if (!article) return {};
  return {
    title: article.headline,
    description: describe(article.standfirst, article.bodyText),
    alternates: { canonical: `/articles/${article.slug}` },
  };
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const article = await load(slug);
  if (!article) {
    const target = isValidSlug(slug) ? await getRedirectTarget(slug) : null;
    if (target) permanentRedirect(`/articles/${target}`);
    notFound();
  }
  return <ArticleView article={article} />;
}
