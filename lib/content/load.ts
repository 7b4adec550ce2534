import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type SourceFile } from './files';
import { compactHash } from './hash';
import { renderMarkdown, type RenderedMarkdown } from './markdown';
import type { ValidArticle } from './types';
import { type ContentChecker, createContentChecker, type ValidateOptions } from './validate';

// The write of changed articles, after the check, a chunk at a time: read each file again, check it,
// and render it. (Worker threads for this were tried and removed: on two cores they doubled the CPU time and
// added about 90 MB, each thread loading its own TypeScript loader and libraries.)

/** A planned change's file, and what its check found in the first pass. */
export interface FileToLoad {
  display: string;
  relative: string;
  /** As the first pass found it: a CompactHash. */
  contentHash: string;
}

export interface LoadedArticle {
  article: ValidArticle;
  rendered: RenderedMarkdown;
}

/** What a loader needs to check articles as the first pass did: the folder and its two lists. */
export interface LoaderSetup extends ValidateOptions {
  dir: string;
  sections?: SourceFile;
  authors?: SourceFile;
}

export function createLoader(setup: LoaderSetup): (files: FileToLoad[]) => LoadedArticle[] {
  const checker = createContentChecker(setup, setup);
  return (files) => files.map((file) => loadArticle(setup.dir, file, checker));
}

function loadArticle(dir: string, file: FileToLoad, checker: ContentChecker): LoadedArticle {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(dir, file.relative), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const article = text === undefined ? undefined : checker.recheck({ ...file, text });
  // The file changed or went since it was checked: what was checked is not what would be written.
  if (!article || compactHash(article.contentHash) !== file.contentHash) {
    throw new Error(`${file.display} changed while the seed was running; run the seed again`);
  }
  return { article, rendered: renderMarkdown(article.body) };
}
