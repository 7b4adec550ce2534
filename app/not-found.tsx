import type { Metadata } from 'next';
import Link from 'next/link';

// No robots entry here: Next already marks every not-found response noindex, and a second tag
// would only duplicate it.
export const metadata: Metadata = {
  title: 'Page not found',
};

export default function NotFound() {
  return (
    <div className="notice">
      <h1>Page not found</h1>
      <p>We could not find the page you asked for. It may have moved, or the address may be mistyped.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </div>
  );
}
