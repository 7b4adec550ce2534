import { notFound } from 'next/navigation';
import { parsePageNumber } from '@/lib/site/page-number';
import { CorrectionsListing, correctionsMetadata } from '../corrections-listing';

// Page N of the corrections, at the internal path proxy.ts rewrites `?page=N` to, so that each page
// is cached under a path of its own.

type Props = { params: Promise<{ page: string }> };

export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams(): { page: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props) {
  const number = parsePageNumber((await params).page);
  return number ? correctionsMetadata(number) : {};
}

export default async function CorrectionsListPage({ params }: Props) {
  const number = parsePageNumber((await params).page);
  if (!number) notFound();
  return <CorrectionsListing page={number} />;
}
