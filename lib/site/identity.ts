import { env } from '../env';

/**
 * Who the site is: its name, address, language and logo. Pure builders (feeds, sitemaps, structured
 * data) take this as an argument so tests can pass their own; the running site passes `site`, built
 * once from the validated environment.
 */
export interface SiteIdentity {
  name: string;
  /** The origin every absolute URL starts with, without a trailing slash. */
  url: string;
  description: string;
  /** BCP 47, e.g. en-GB. */
  language: string;
  /** The raster logo (structured data and feeds want a bitmap), served by app/logo.png. */
  logo: { path: string; width: number; height: number };
}

export const LOGO = { path: '/logo.png', svgPath: '/logo.svg', width: 512, height: 512 } as const;

export function siteFromEnv(source: typeof env): SiteIdentity {
  return {
    name: source.SITE_NAME,
    url: new URL(source.SITE_URL).origin,
    description: source.SITE_DESCRIPTION ?? `News and analysis from ${source.SITE_NAME}.`,
    language: source.SITE_LANGUAGE,
    logo: { path: LOGO.path, width: LOGO.width, height: LOGO.height },
  };
}

export const site: SiteIdentity = siteFromEnv(env);

/** The full URL of a path on the site, e.g. "/articles/x" → "https://example.com/articles/x". */
export function absoluteUrl(path: string, origin: string = site.url): string {
  return new URL(path, origin).toString();
}

/** The Open Graph locale for a BCP 47 tag: "en-GB" → "en_GB". */
export function openGraphLocale(language: string): string {
  const [lang = 'en', region] = language.split('-');
  return region && region.length === 2 ? `${lang}_${region.toUpperCase()}` : lang;
}
