import { SectionListing, sectionMetadata } from './section-listing';

type Props = { params: Promise<{ slug: string }> };

// Rendered on first request, then served from Next's cache until the content changes (decision 003).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props) {
  return sectionMetadata((await params).slug, 1);
}

export default async function SectionPage({ params }: Props) {
  return <SectionListing slug={(await params).slug} page={1} />;
}
