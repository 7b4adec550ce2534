// Writes a complete, clearly fictional content folder (sections, authors, articles) for tests and
// benchmarks:  tsx scripts/synthetic-articles.ts <dir> [--count 1000] [--seed 1]
// Every article is marked synthetic and set in invented places; the output is the same for the
// same count and seed. It refuses to write into the real content folder.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { random } from './lib/random';

const realContentDir = fileURLToPath(new URL('../prisma/content', import.meta.url));

const SECTIONS = [
  { slug: 'world', name: 'World' },
  { slug: 'politics', name: 'Politics' },
  { slug: 'business', name: 'Business' },
  { slug: 'science', name: 'Science' },
  { slug: 'culture', name: 'Culture' },
];
const AUTHORS = [
  'Ada Placeholder',
  'Sam Sample',
  'Fictional Fran',
  'Dummy Dev',
  'Mock Morgan',
  'Test Tamsin',
  'Stub Stefan',
  'Lorem Lee',
].map((name) => ({
  slug: name.toLowerCase().replace(/ /g, '-'),
  name,
  role: 'Synthetic correspondent',
  bio: 'An invented writer for test content.',
}));
const PLACES = [
  'Exampleton',
  'Port Fictional',
  'Mockford',
  'Sampleshire',
  'New Placeholder',
  'Stubbington',
  'Lake Lorem',
  'Testmouth',
];
const SUBJECTS = [
  'tram line',
  'harbour bridge',
  'library budget',
  'bakery co-operative',
  'wind farm',
  'school timetable',
  'river clean-up',
  'night market',
];
const VERBS = ['debates', 'approves', 'delays', 'reviews', 'celebrates', 'questions', 'funds', 'postpones'];
const TAGS = [
  'Transport',
  'Budget',
  'Environment',
  'Education',
  'Local government',
  'Trade',
  'Research',
  'Festivals',
  'Housing',
  'Energy',
];
const SENTENCES = [
  'Officials in {place} said the {subject} had been discussed for several months.',
  'Residents gathered at the fictional town hall to hear the proposal in detail.',
  'A spokesperson for the invented council described the plan as "a sensible next step".',
  'Critics argued that the {subject} would cost more than the figures suggested.',
  'The synthetic report estimated that {number} people would be affected.',
  'None of the people or places in this article exist; it was generated for testing.',
  'Supporters pointed to a similar scheme in {place}, which they said had worked well.',
  'A final decision is expected after a consultation that closes next month.',
];

export interface SyntheticOptions {
  count: number;
  seed?: number;
}

function assertSafeTarget(dir: string): void {
  const resolved = path.resolve(dir);
  const real = existsSync(resolved) ? realpathSync(resolved) : resolved;
  const content = existsSync(realContentDir) ? realpathSync(realContentDir) : realContentDir;
  const within = (inner: string, outer: string) => !path.relative(outer, inner).startsWith('..');
  if (within(real, content) || within(content, real)) {
    throw new Error(`Refusing to write synthetic articles into or around the real content folder (${content}).`);
  }
  if (existsSync(resolved) && readdirSync(resolved).length > 0) {
    throw new Error(`Refusing to write into ${resolved}: the folder is not empty.`);
  }
}

/** Writes sections.yaml, authors.yaml and `count` articles into `dir`, which must be empty or new. */
export async function writeSyntheticContent(dir: string, { count, seed = 1 }: SyntheticOptions): Promise<void> {
  assertSafeTarget(dir);
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  await mkdir(path.join(dir, 'articles'), { recursive: true });
  await writeFile(path.join(dir, 'sections.yaml'), stringify(SECTIONS));
  await writeFile(path.join(dir, 'authors.yaml'), stringify(AUTHORS));

  const files: [string, string][] = [];
  for (let i = 1; i <= count; i++) {
    const place = pick(PLACES);
    const subject = pick(SUBJECTS);
    const key = `synthetic-${String(i).padStart(6, '0')}`;
    const fill = (sentence: string) =>
      sentence
        .replace('{place}', pick(PLACES))
        .replace('{subject}', subject)
        .replace('{number}', String(Math.floor(next() * 9000) + 100));
    const paragraphs = Array.from({ length: 5 + Math.floor(next() * 6) }, () =>
      Array.from({ length: 2 + Math.floor(next() * 3) }, () => fill(pick(SENTENCES))).join(' '),
    );
    const published = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 365 * 24) * 3_600_000);
    const frontMatter: Record<string, unknown> = {
      slug: key,
      headline: `${place} ${pick(VERBS)} ${subject} (synthetic article ${i})`,
      standfirst: `A fictional story generated for testing, about a ${subject} in ${place}.`,
      section: pick(SECTIONS).slug,
      authors: next() < 0.1 ? [] : [pick(AUTHORS).slug],
      tags: [...new Set([pick(TAGS), pick(TAGS)])],
      status: next() < 0.05 ? 'draft' : 'published',
      publishedAt: published.toISOString().replace('.000', ''),
    };
    if (next() < 0.3) {
      frontMatter.image = {
        src: `https://example.org/synthetic/${key}.jpg`,
        alt: `An invented scene in ${place}`,
        credit: 'Synthetic',
      };
    }
    if (next() < 0.05) {
      // The full instant, not its UTC day: that day can fall before the publication day in the
      // newsroom's time zone, which the content lint refuses (correction-before-article).
      frontMatter.corrections = [
        { date: published.toISOString(), kind: 'correction', text: 'An invented correction for testing.' },
      ];
    }
    files.push([
      path.join(dir, 'articles', `${key}.md`),
      `---\n${stringify(frontMatter)}---\n\n${paragraphs.join('\n\n')}\n`,
    ]);
  }
  // A few hundred writes at a time: fast, without opening ten thousand files at once.
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map(([file, text]) => writeFile(file, text)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } },
  });
  const [dir] = positionals;
  const count = Number(values.count);
  if (!dir || !Number.isInteger(count) || count < 0) {
    console.error('Usage: tsx scripts/synthetic-articles.ts <dir> [--count 1000] [--seed 1]');
    process.exit(2);
  }
  try {
    await writeSyntheticContent(dir, { count, seed: Number(values.seed) });
    console.log(`Wrote ${count} synthetic articles to ${dir}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
