import Link from 'next/link';
import type { TagRef } from '@/lib/data/types';
import { paths } from '@/lib/site/paths';

export function TagList({ tags }: { tags: TagRef[] }) {
  if (tags.length === 0) return null;
  return (
    <nav className="tag-list" aria-label="Topics">
      <h2 className="tag-list__heading">Topics</h2>
      <ul>
        {tags.map((tag) => (
          <li key={tag.slug}>
            <Link href={paths.tag(tag.slug)} rel="tag">
              {tag.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
