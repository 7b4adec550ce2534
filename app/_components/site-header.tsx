import Link from 'next/link';
import type { SectionRef } from '@/lib/data/types';
import { SearchForm } from './search-form';
import { paths } from '@/lib/site/paths';

// The header's links do not prefetch: they are on every page, in the first screen, so each page view
// fetched the front page and every section in the background (5 RSC requests and their parsing on
// the main thread while Lighthouse counts blocking time). A click still navigates on the client; it
// waits for the page, which the server answers from its cache (docs/performance.md).
export function SiteHeader({ siteName, sections }: { siteName: string; sections: SectionRef[] }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-title" prefetch={false}>
          {siteName}
        </Link>
        <SearchForm id="site-search" label="Site search" compact />
      </div>
      {sections.length > 0 && (
        <nav aria-label="Sections" className="section-nav">
          <ul>
            {sections.map((section) => (
              <li key={section.slug}>
                <Link href={paths.section(section.slug)} prefetch={false}>
                  {section.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
