import { CorrectionsListing, correctionsMetadata } from './corrections-listing';

// Rendered on first request, then served from Next's cache until the content changes (decision 003).
export const revalidate = false;

export function generateMetadata() {
  return correctionsMetadata(1);
}

export default function CorrectionsPage() {
  return <CorrectionsListing page={1} />;
}
