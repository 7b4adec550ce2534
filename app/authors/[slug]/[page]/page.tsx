import { notFound } from 'next/navigation';
import { parsePageNumber } from '@/lib/site/page-number';
import { AuthorListing, authorMetadata } from '../author-listing';

// Page N of the list, at the internal path proxy.ts rewrites `?page=N` to, so that each page is
// cached under a path of its own (a page reading searchParams could not be cached at all).

type Props = { params: Promise<{ slug: string; page: string }> };

export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; page: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props) {
  const { slug, page } = await params;
  const number = parsePageNumber(page);
  return number ? authorMetadata(slug, number) : {};
}

export default async function AuthorListPage({ params }: Props) {
  const { slug, page } = await params;
  const number = parsePageNumber(page);
  if (!number) notFound();
  return <AuthorListing slug={slug} page={number} />;
}
