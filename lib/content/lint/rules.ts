import path from 'node:path';
import { formatEditorDate, parseEditorDate } from '../dates';
import type { LintConfig, RuleId } from './config';
import { detach } from '../detach';
import type { LintDocument } from './document';

// The newsroom's rules. Each looks at one article file (or, for duplicates, all of them) and says
// what a reader would notice, at the line to change. Values of the wrong shape are skipped: the
// seed's validator already reports those.

export interface Finding {
  rule: RuleId;
  file: string;
  line?: number;
  message: string;
}

export interface LintContext {
  config: LintConfig;
  /** Slugs of the articles readers can open now: published, with a publication time that has passed. */
  publicSlugs: Set<string>;
  timeZone: string;
  now: Date;
}

type Rule = (doc: LintDocument, context: LintContext) => Finding[];

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

const headlineTooLong: Rule = (doc, { config }) => {
  const headline = text(doc.fields.headline);
  const max = config.rules['headline-too-long'].max ?? 110;
  if (headline === undefined || headline.length <= max) return [];
  return [
    {
      rule: 'headline-too-long',
      file: doc.file,
      line: doc.lineOf(['headline']),
      message: `headline is ${headline.length} characters; keep it to ${max} so it fits in lists and search results`,
    },
  ];
};

const standfirst: Rule = (doc, { config }) => {
  const value = text(doc.fields.standfirst);
  if (!value) {
    return [
      {
        rule: 'standfirst-missing',
        file: doc.file,
        line: doc.lineOf(['standfirst']) ?? doc.lineOf(['headline']),
        message: 'no standfirst: add one sentence under the headline (it is also the description in search and shares)',
      },
    ];
  }
  const max = config.rules['standfirst-too-long'].max ?? 250;
  if (value.length <= max) return [];
  return [
    {
      rule: 'standfirst-too-long',
      file: doc.file,
      line: doc.lineOf(['standfirst']),
      message: `standfirst is ${value.length} characters; keep it to ${max}`,
    },
  ];
};

/** Alt text that only repeats the picture's file name, with or without its extension. */
function isFileName(alt: string, src: string): boolean {
  const name = path.posix.basename(src.split(/[?#]/)[0] ?? '').toLowerCase();
  const stem = name.replace(/\.[a-z0-9]+$/, '');
  const said = alt.trim().toLowerCase();
  return said === name || said === stem;
}

const imageAlt: Rule = (doc) => {
  const findings: Finding[] = [];
  // The line is looked up only for a finding: finding it may take a second parse of the YAML.
  const check = (alt: unknown, src: unknown, line: () => number | undefined, where: string) => {
    const said = typeof alt === 'string' ? alt.trim() : '';
    const problem =
      alt === undefined || alt === null
        ? 'has no alt text'
        : said === ''
          ? 'has empty alt text'
          : typeof src === 'string' && isFileName(said, src)
            ? `has its file name as alt text ("${said}")`
            : undefined;
    if (problem) {
      findings.push({
        rule: 'image-alt',
        file: doc.file,
        line: line(),
        message: `${where} ${problem}: describe what the picture shows for readers who cannot see it`,
      });
    }
  };
  const image = doc.fields.image;
  if (image && typeof image === 'object' && !Array.isArray(image)) {
    const fields = image as Record<string, unknown>;
    check(fields.alt, fields.src, () => doc.lineOf(['image', 'alt']) ?? doc.lineOf(['image']), 'the lead image');
  }
  for (const body of doc.images) check(body.alt, body.url, () => body.line, `the image ${body.url}`);
  return findings;
};

const imageCredit: Rule = (doc) => {
  const image = doc.fields.image;
  if (!image || typeof image !== 'object' || Array.isArray(image)) return [];
  if (text((image as Record<string, unknown>).credit)) return [];
  return [
    {
      rule: 'image-credit',
      file: doc.file,
      line: doc.lineOf(['image']),
      message: 'the lead image has no credit: say who made it, e.g. credit: "Photo: Jane Doe/Agency"',
    },
  ];
};

const ARTICLE_PATH = /^\/articles\/([^/?#]+)\/?(?:[?#].*)?$/;

const articleLink: Rule = (doc, { publicSlugs }) =>
  doc.links.flatMap((link) => {
    const slug = ARTICLE_PATH.exec(link.url)?.[1];
    if (slug === undefined || publicSlugs.has(decodeURIComponent(slug))) return [];
    return [
      {
        rule: 'article-link' as const,
        file: doc.file,
        line: link.line,
        message: `the link to ${link.url} leads nowhere: no public article has the slug "${slug}" (a draft, a scheduled story or a typo?)`,
      },
    ];
  });

const linkText: Rule = (doc, { config }) => {
  const vague = new Set(config.vagueLinkTexts.map((phrase) => phrase.toLowerCase()));
  return doc.links.flatMap((link) => {
    const words = link.text.replace(/\s+/g, ' ').trim();
    const problem =
      words === ''
        ? 'has no text: readers and screen readers cannot tell where it goes'
        : vague.has(words.toLowerCase().replace(/[.!:]+$/, ''))
          ? `says "${words}": name where it leads instead`
          : undefined;
    return problem
      ? [{ rule: 'link-text' as const, file: doc.file, line: link.line, message: `the link to ${link.url} ${problem}` }]
      : [];
  });
};

/** The start of the calendar day of an instant, in the newsroom's time zone. */
function startOfDay(date: Date, timeZone: string): Date | null {
  return parseEditorDate(formatEditorDate(date, timeZone), timeZone);
}

const corrections: Rule = (doc, { now, timeZone }) => {
  const list = doc.fields.corrections;
  if (!Array.isArray(list) || list.length === 0) return [];
  const published =
    typeof doc.fields.publishedAt === 'string' ? parseEditorDate(doc.fields.publishedAt, timeZone) : null;
  // A correction dated only by its day may fall on the publication day itself.
  const publishedDay = published && startOfDay(published, timeZone);
  const findings: Finding[] = [];
  list.forEach((entry: unknown, index) => {
    const raw = (entry as { date?: unknown } | null)?.date;
    const date = typeof raw === 'string' ? parseEditorDate(raw, timeZone) : null;
    if (!date) return;
    const line = () => doc.lineOf(['corrections', index, 'date']) ?? doc.lineOf(['corrections', index]);
    if (date > now) {
      findings.push({
        rule: 'correction-in-future',
        file: doc.file,
        line: line(),
        message: `correction dated ${raw}, which is in the future: date it when it is made`,
      });
    }
    if (publishedDay && date < publishedDay) {
      findings.push({
        rule: 'correction-before-article',
        file: doc.file,
        line: line(),
        message: `correction dated ${raw}, before the article was published (${String(doc.fields.publishedAt)})`,
      });
    }
  });
  return findings;
};

/** The rules that need nothing but the file itself (and the config, time zone and clock). */
export const LOCAL_RULES: Rule[] = [headlineTooLong, standfirst, imageAlt, imageCredit, linkText, corrections];

/** Rules that look at one file but need to know the others: which slugs are public. */
export const CROSS_FILE_RULES: Rule[] = [articleLink];

export const FILE_RULES: Rule[] = [...LOCAL_RULES, ...CROSS_FILE_RULES];

/** What the duplicate-headline rule keeps of a file: its headline and where it is, not the file. */
export interface HeadlineEntry {
  file: string;
  headline: string;
  line?: number;
}

export function headlineEntry(doc: LintDocument): HeadlineEntry | undefined {
  const headline = text(doc.fields.headline);
  // Kept for the whole run: a copy, so the file it was read from can go.
  return headline ? { file: doc.file, headline: detach(headline), line: doc.lineOf(['headline']) } : undefined;
}

/** Headlines two or more articles share, compared without case or extra spaces; one finding per file. */
export function duplicateHeadlines(entries: Iterable<HeadlineEntry>): Finding[] {
  // A headline used once (nearly all of them) maps to its entry alone, not to an array of one:
  // over a whole archive, the arrays cost more than the entries.
  const byHeadline = new Map<string, HeadlineEntry | HeadlineEntry[]>();
  for (const entry of entries) {
    const key = entry.headline.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!key) continue;
    const sharing = byHeadline.get(key);
    if (sharing === undefined) byHeadline.set(key, entry);
    else if (Array.isArray(sharing)) sharing.push(entry);
    else byHeadline.set(key, [sharing, entry]);
  }
  const findings: Finding[] = [];
  for (const sharing of byHeadline.values()) {
    if (!Array.isArray(sharing)) continue;
    for (const entry of sharing) {
      const others = sharing.filter((other) => other !== entry).map((other) => other.file);
      findings.push({
        rule: 'duplicate-headline',
        file: entry.file,
        line: entry.line,
        message: `the same headline as ${others.join(', ')}: readers cannot tell the stories apart`,
      });
    }
  }
  return findings;
}
