import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { env } from '@/lib/env';
import { getSections } from '@/lib/data/sections';
import { siteMetadata } from '@/lib/site/metadata';
import { SiteFooter } from './_components/site-footer';
import { SiteHeader } from './_components/site-header';
import { TimeAgoScript } from './_components/time-ago-script';
import './globals.css';

export const metadata: Metadata = {
  // Base URL, description, Open Graph and Twitter defaults and the site feeds (lib/site/metadata.ts).
  ...siteMetadata,
  title: { default: env.SITE_NAME, template: `%s | ${env.SITE_NAME}` },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const sections = await getSections();
  return (
    <html lang={env.SITE_LANGUAGE}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader siteName={env.SITE_NAME} sections={sections} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter siteName={env.SITE_NAME} />
        <TimeAgoScript language={env.SITE_LANGUAGE} />
      </body>
    </html>
  );
}
