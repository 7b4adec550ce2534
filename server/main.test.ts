import { afterEach, describe, expect, it, vi } from 'vitest';
import { warnWithoutSiteUrl } from './main';

describe('warnWithoutSiteUrl', () => {
  const saved = process.env.SITE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.SITE_URL;
    else process.env.SITE_URL = saved;
    vi.restoreAllMocks();
  });

  it('says loudly that canonical URLs, feeds and sitemaps would point at localhost', () => {
    delete process.env.SITE_URL;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    warnWithoutSiteUrl('http://localhost:3000');
    const text = warn.mock.calls.flat().join('\n');
    expect(text).toContain('SITE_URL is not set');
    expect(text).toMatch(/Canonical URLs, feeds .* sitemaps/);
    expect(text).toContain('http://localhost:3000');
  });

  it('stays quiet when SITE_URL is set', () => {
    process.env.SITE_URL = 'https://news.example.com';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    warnWithoutSiteUrl('http://localhost:3000');
    expect(warn).not.toHaveBeenCalled();
  });
});
