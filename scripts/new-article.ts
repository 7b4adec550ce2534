// Scaffolds a draft article with today's date: npm run new:article -- "Headline" [--content <dir>]
import './lib/load-env';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { formatEditorDate } from '../lib/content/dates';
import { ARTICLES_DIR, displayPath, SECTIONS_FILE } from '../lib/content/files';
import { scaffoldArticle } from '../lib/content/scaffold';
import { env } from '../lib/env';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { content: { type: 'string' } } });
const headline = positionals.join(' ').trim();
if (!headline) {
  console.error('Usage: npm run new:article -- "The headline"');
  process.exit(2);
}
const contentDir = values.content ?? env.CONTENT_DIR;
// The first section listed is the default; the editor changes it in the file.
const sections = existsSync(path.join(contentDir, SECTIONS_FILE))
  ? parse(readFileSync(path.join(contentDir, SECTIONS_FILE), 'utf8'))
  : [];
const section =
  Array.isArray(sections) && typeof sections[0]?.slug === 'string' ? (sections[0].slug as string) : 'world';

const { key, text } = scaffoldArticle(headline, formatEditorDate(new Date(), env.SITE_TIMEZONE), section);
const file = path.join(contentDir, ARTICLES_DIR, `${key}.md`);
if (existsSync(file)) {
  console.error(`${displayPath(file)} already exists: pick another headline, or edit that file.`);
  process.exit(1);
}
writeFileSync(file, text, { flag: 'wx' });
console.log(`Created ${displayPath(file)} (a draft). Edit it, then run: npm run db:seed`);
