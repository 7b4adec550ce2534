import Link from 'next/link';
import type { SectionRef } from '@/lib/data/types';
import { SearchForm } from './search-form';
import { paths } from '@/lib/site/paths';

export function SiteHeader({ siteName, sections }: { siteName: string; sections: SectionRef[] }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-title">
          {siteName}
        </Link>
        <SearchForm id="site-search" label="Site search" compact />
      </div>
      {sections.length > 0 && (
        <nav aria-label="Sections" className="section-nav">
          <ul>
            {sections.map((section) => (
              <li key={section.slug}>
                <Link href={paths.section(section.slug)}>{section.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
