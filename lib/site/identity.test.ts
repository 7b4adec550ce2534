import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { absoluteUrl, openGraphLocale, siteFromEnv } from './identity';

describe('siteFromEnv', () => {
  it('takes name, address, language and description from the environment', () => {
    const site = siteFromEnv(
      parseEnv({
        SITE_URL: 'https://news.example/',
        SITE_NAME: 'The Example',
        SITE_LANGUAGE: 'fr-FR',
        SITE_DESCRIPTION: 'Des nouvelles.',
      }),
    );
    expect(site).toMatchObject({
      name: 'The Example',
      url: 'https://news.example',
      language: 'fr-FR',
      description: 'Des nouvelles.',
    });
    expect(absoluteUrl('/articles/a', site.url)).toBe('https://news.example/articles/a');
  });

  it('describes the site by its name when no description is configured', () => {
    expect(siteFromEnv(parseEnv({ SITE_NAME: 'The Example' })).description).toBe('News and analysis from The Example.');
  });

  it('rejects an empty-looking or overlong description', () => {
    expect(() => parseEnv({ SITE_DESCRIPTION: '   ' })).toThrowError(/SITE_DESCRIPTION/);
    expect(() => parseEnv({ SITE_DESCRIPTION: 'x'.repeat(301) })).toThrowError(/SITE_DESCRIPTION/);
  });
});

describe('openGraphLocale', () => {
  it('writes a BCP 47 tag the way Open Graph wants it', () => {
    expect(openGraphLocale('en-GB')).toBe('en_GB');
    expect(openGraphLocale('de')).toBe('de');
  });
});
