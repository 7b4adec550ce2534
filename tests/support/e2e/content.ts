import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';

// Helpers for tests that read or change the content behind the site under test. scripts/e2e.ts
// copies the real content plus e2e/fixtures/content into a folder of the run's own (CONTENT_DIR)
// and seeds the run's database (DATABASE_URL); the real content folder is never written.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`npm run test:e2e\`.`);
  return value;
}

export const contentDir = (): string => required('CONTENT_DIR');

export interface ArticleSource {
  frontMatter: Record<string, unknown>;
  /** The body's paragraphs, as the editor wrote them (blank-line separated). */
  paragraphs: string[];
}

/** Reads an article file's front matter and paragraphs. */
export function readArticleSource(file: string): ArticleSource {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file} has no front matter`);
  const [, yaml = '', body = ''] = match;
  return {
    frontMatter: parseYaml(yaml) as Record<string, unknown>,
    paragraphs: body
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean),
  };
}

const execFileAsync = promisify(execFile);

/** Runs the real seed (`prisma/seed.ts`) against the test database and content folder. */
export async function runSeed(): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(process.execPath, ['--import', 'tsx', path.resolve('prisma/seed.ts')], {
    env: { ...process.env, CI: '1' },
  });
}
