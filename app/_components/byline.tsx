import Link from 'next/link';
import type { AuthorRef } from '@/lib/data/types';
import { paths } from '@/lib/site/paths';

/** "By A, B and C", each name linking to the author's page; nothing at all for an unsigned piece. */
export function Byline({ authors }: { authors: AuthorRef[] }) {
  if (authors.length === 0) return null;
  return (
    <p className="byline">
      By{' '}
      {authors.map((author, index) => (
        <span key={author.slug}>
          {index > 0 && (index === authors.length - 1 ? ' and ' : ', ')}
          <Link href={paths.author(author.slug)} rel="author" prefetch={false}>
            {author.name}
          </Link>
        </span>
      ))}
    </p>
  );
}
