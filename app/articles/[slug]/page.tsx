import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleView } from '@/app/_components/article-view';
import { JsonLd } from '@/app/_components/json-ld';
import { getArticle, getRedirectTarget, getRelatedArticles } from '@/lib/data/article';
import { site } from '@/lib/site/identity';
import { articleMetadata } from '@/lib/site/metadata';
import { articleBreadcrumbJsonLd, newsArticleJsonLd } from '@/lib/site/structured-data';
import { isValidSlug } from '@/lib/slug';
import { paths } from '@/lib/site/paths';

type Props = { params: Promise<{ slug: string }> };

const RELATED_COUNT = 4;

// Rendered on first request, then served from Next's cache until the content changes (decision 003).
// Unknown slugs answer 404 and are never stored (lib/cache/next-cache-handler.mjs).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

async function load(slug: string) {
  return isValidSlug(slug) ? getArticle(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const article = await load(slug);
  if (!article) return {};
  // Title, description, canonical URL, Open Graph article tags and the share image (lib/site/metadata.ts).
  return articleMetadata(article);
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const article = await load(slug);
  if (!article) {
    const target = isValidSlug(slug) ? await getRedirectTarget(slug) : null;
    if (target) permanentRedirect(paths.article(target));
    notFound();
  }
  const related = await getRelatedArticles(article.slug, RELATED_COUNT);
  return (
    <>
      <JsonLd data={newsArticleJsonLd(article, site)} />
      <JsonLd data={articleBreadcrumbJsonLd(article, site)} />
      <ArticleView article={article} related={related} />
    </>
  );
}
