import { readFileSync } from 'node:fs';
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

/** A file of the content folder, named but not read yet. */
export type SourceFileName = Omit<SourceFile, 'text'>;

/** The content folder with its two lists read and its article files only named. */
export interface ContentFolder {
  dir: string;
  sections?: SourceFile;
  authors?: SourceFile;
  articles: SourceFileName[];
}

export interface ContentFiles extends Omit<ContentFolder, 'articles'> {
  articles: SourceFile[];
}

/**
 * Article files read at once, at most. An archive holds far more files than a process may open
 * (often 256 or 1,024); a few dozen reads in flight keep the disk busy all the same.
 */
export const FILE_READS_IN_FLIGHT = 32;

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
 * Reads sections.yaml and authors.yaml and lists the article files, in name order, without reading
 * them. Missing lists are left undefined for the validator to report; undefined when there is no
 * articles/ folder at all.
 */
export async function listContentFolder(dir: string): Promise<ContentFolder | undefined> {
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
  const articles = names.map((name) => ({
    display: displayPath(path.join(articlesDir, name)),
    relative: `${ARTICLES_DIR}/${name}`,
  }));
  const [sections, authors] = await Promise.all([readOptional(dir, SECTIONS_FILE), readOptional(dir, AUTHORS_FILE)]);
  return { dir, sections, authors, articles };
}

/**
 * Reads the named files in their order, with at most FILE_READS_IN_FLIGHT open at once, handing
 * each one over as soon as it and all before it are read: memory holds a few dozen files, not all.
 * A file removed since it was listed is left out, as if it had been removed before.
 */
export async function* readSourceFiles(dir: string, names: readonly SourceFileName[]): AsyncGenerator<SourceFile> {
  const inFlight: Promise<SourceFile | undefined>[] = [];
  let next = 0;
  const start = () => {
    const name = names[next++];
    if (!name) return;
    const read = readFile(path.join(dir, name.relative), 'utf8').then(
      (text) => ({ ...name, text }),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    );
    // Handled when its turn comes; a failure meanwhile must not count as an unhandled rejection.
    read.catch(() => {});
    inFlight.push(read);
  };
  while (inFlight.length < FILE_READS_IN_FLIGHT && next < names.length) start();
  for (let read = inFlight.shift(); read; read = inFlight.shift()) {
    start();
    const file = await read;
    if (file) yield file;
  }
}

/** A file's bytes, read synchronously; undefined when it is gone. */
export function readFileBytes(dir: string, relative: string): Buffer | undefined {
  try {
    return readFileSync(path.join(dir, relative));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The same, read synchronously one file at a time: a single file is ever open, and a small file costs
 * one system call instead of a promise chain and a thread-pool trip.
 */
export function* readSourceFilesSync(dir: string, names: readonly SourceFileName[]): Generator<SourceFile> {
  for (const name of names) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, name.relative), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    yield { ...name, text };
  }
}

/** Reads a whole content folder into memory: for small folders and tests; the seed streams instead. */
export async function readContentFiles(dir: string): Promise<ContentFiles | undefined> {
  const folder = await listContentFolder(dir);
  if (!folder) return undefined;
  const articles: SourceFile[] = [];
  for await (const file of readSourceFiles(dir, folder.articles)) articles.push(file);
  return { ...folder, articles };
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
