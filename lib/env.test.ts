import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('fills in defaults for a fresh checkout', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe('file:./data/news.db');
    expect(env.PORT).toBe(3000);
    expect(env.SITE_TIMEZONE).toBe('Europe/London');
    expect(env.REVALIDATE_SECRET).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ SITE_URL: '', PORT: '' }).SITE_URL).toBe('http://localhost:3000');
  });

  it('names every bad variable at once', () => {
    expect(() =>
      parseEnv({
        DATABASE_URL: 'mysql://x',
        SITE_URL: 'not a url',
        PORT: '70000',
        SITE_TIMEZONE: 'Mars/Olympus',
        REVALIDATE_SECRET: 'short',
      }),
    ).toThrowError(/DATABASE_URL[\s\S]*SITE_URL[\s\S]*SITE_TIMEZONE[\s\S]*PORT[\s\S]*REVALIDATE_SECRET/);
  });

  it('accepts PostgreSQL URLs', () => {
    expect(parseEnv({ DATABASE_URL: 'postgresql://news@127.0.0.1:5432/news' }).DATABASE_URL).toMatch(/^postgresql:/);
  });
});
