import { z } from 'zod';

// Every environment variable the site and its scripts read is declared and validated here, once.
// A bad value stops the process with a message naming the variable, instead of failing later.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/news.db')
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    }),
  // Read replicas of a PostgreSQL DATABASE_URL, comma-separated: the site's reads go to them, writes
  // and transactions (the seed) to DATABASE_URL (docs/deployment.md).
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((url) => /^postgres(ql)?:\/\//.test(url)), {
      message: 'must be postgresql:// URLs separated by commas',
    })
    .default([]),
  // Several instances share rendered pages through Redis (lib/cache/shared-store.mjs reads it; it is
  // validated here so a typo stops the server at start instead of silently sharing nothing).
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  SITE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  SITE_NAME: z.string().min(1).default('The Daily Ledger'),
  // Dates on the site are shown in the newsroom's time zone (an IANA name).
  SITE_TIMEZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/London')
    .default('Europe/London'),
  SITE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en-GB')
    .default('en-GB'),
  // One sentence about the site: the front page's description, link previews and feed descriptions.
  SITE_DESCRIPTION: z.string().trim().min(1).max(300, 'must be at most 300 characters').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Shared by the seed and the site so the seed can ask a running site to drop stale pages.
  REVALIDATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Where the seed reads articles, authors and sections (docs/editing.md), relative to the working directory.
  CONTENT_DIR: z.string().min(1).default('prisma/content'),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
