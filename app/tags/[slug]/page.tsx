import { TagListing, tagMetadata } from './tag-listing';

type Props = { params: Promise<{ slug: string }> };

// Rendered on first request, then served from Next's cache until the content changes (decision 003).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props) {
  return tagMetadata((await params).slug, 1);
}

export default async function TagPage({ params }: Props) {
  return <TagListing slug={(await params).slug} page={1} />;
}
