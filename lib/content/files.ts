import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

// The content folder: sections.yaml, authors.yaml and articles/*.md (docs/editing.md).
export const SECTIONS_FILE = 'sections.yaml';
export const AUTHORS_FILE = 'authors.yaml';
export const ARTICLES_DIR = 'articles';

export interface SourceFile {
  /** Path shown to editors: relative to the working directory when inside it. */
  display: string;
  /** Path relative to the content folder, with forward slashes: stored as Article.sourcePath. */
  relative: string;
  text: string;
}

export interface ContentFiles {
  dir: string;
  sections?: SourceFile;
  authors?: SourceFile;
  articles: SourceFile[];
}

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function readOptional(dir: string, relative: string): Promise<SourceFile | undefined> {
  const file = path.join(dir, relative);
  try {
    return { display: displayPath(file), relative, text: await readFile(file, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads every content file into memory. Missing sections.yaml or authors.yaml are left undefined for
 * the validator to report; undefined when there is no articles/ folder at all.
 */
export async function readContentFiles(
  dir: string,
  onFileRead?: (done: number, total: number) => void,
): Promise<ContentFiles | undefined> {
  const articlesDir = path.join(dir, ARTICLES_DIR);
  let names: string[];
  try {
    names = (await readdir(articlesDir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let done = 0;
  const articles = await Promise.all(
    names.map(async (name) => {
      const file = path.join(articlesDir, name);
      const text = await readFile(file, 'utf8');
      onFileRead?.(++done, names.length);
      return { display: displayPath(file), relative: `${ARTICLES_DIR}/${name}`, text };
    }),
  );
  const [sections, authors] = await Promise.all([readOptional(dir, SECTIONS_FILE), readOptional(dir, AUTHORS_FILE)]);
  return { dir, sections, authors, articles };
}

export interface FrontMatterSplit {
  yaml: string;
  /** Lines before the YAML starts (the opening ---), to turn YAML line numbers into file line numbers. */
  yamlLineOffset: number;
  body: string;
}

/** Splits "---\n<yaml>\n---\n<markdown>" into its parts; null when the file has no front matter. */
export function splitFrontMatter(text: string): FrontMatterSplit | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(normalised);
  if (!match) return null;
  return { yaml: match[1] ?? '', yamlLineOffset: 1, body: normalised.slice(match[0].length) };
}
