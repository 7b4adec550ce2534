import { afterEach, describe, expect, it } from 'vitest';
import { articleFile, type ContentFolder, createContentFolder } from '../../tests/support/content-folder';
import { readContentFiles } from './files';
import { createLoader, type FileToLoad, type LoadedArticle, type LoaderSetup } from './load';
import { validateContent } from './validate';
import { createWorkerPool, inOrder } from './worker-pool';

const LOAD_WORKER = new URL('./load-worker.mjs', import.meta.url);

describe('inOrder', () => {
  it('yields results in input order whatever order they finish in, with at most `depth` pending', async () => {
    let pending = 0;
    let most = 0;
    const run = async (n: number) => {
      most = Math.max(most, ++pending);
      await new Promise((resolve) => setTimeout(resolve, (5 - n) * 3));
      pending--;
      return n * 10;
    };
    const out: number[] = [];
    for await (const value of inOrder([1, 2, 3, 4, 5], run, 2)) out.push(value);
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('passes a failure on at its turn', async () => {
    const run = (n: number) => (n === 2 ? Promise.reject(new Error('two failed')) : Promise.resolve(n));
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const value of inOrder([1, 2, 3], run, 3)) out.push(value);
      })(),
    ).rejects.toThrow('two failed');
    expect(out).toEqual([1]);
  });
});

describe('the seed’s worker pool', () => {
  let folder: ContentFolder | undefined;
  afterEach(() => folder?.dispose());

  async function setUp(count: number): Promise<{ setup: LoaderSetup; files: FileToLoad[] }> {
    const articles: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      articles[`story-${i}`] = articleFile({ slug: `story-${i}`, headline: `Story ${i}` }, `Text of **story ${i}**.`);
    }
    folder = createContentFolder(articles);
    const content = (await readContentFiles(folder.dir))!;
    const setup: LoaderSetup = {
      dir: content.dir,
      sections: content.sections,
      authors: content.authors,
      timeZone: 'Europe/London',
      publicDir: folder.publicDir,
    };
    const { content: valid } = validateContent(content, setup);
    const files = valid.articles.map((article) => ({
      display: article.file,
      relative: article.sourcePath,
      contentHash: article.contentHash,
    }));
    return { setup, files };
  }

  it('checks and renders in worker threads exactly as in this one, chunk by chunk', async () => {
    const { setup, files } = await setUp(12);
    const pool = createWorkerPool<FileToLoad[], LoadedArticle[]>(LOAD_WORKER, setup, 2);
    try {
      const chunks = [files.slice(0, 5), files.slice(5, 9), files.slice(9)];
      const fromWorkers = (await Promise.all(chunks.map((chunk) => pool.run(chunk)))).flat();
      expect(fromWorkers).toEqual(createLoader(setup)(files));
      const story3 = fromWorkers.find((loaded) => loaded.article.key === 'story-3');
      expect(story3?.rendered.html).toBe('<p>Text of <strong>story 3</strong>.</p>');
    } finally {
      await pool.close();
    }
  });

  it('a file changed since it was checked fails its task with the reason, and the pool goes on', async () => {
    const { setup, files } = await setUp(2);
    folder!.write('articles/story-1.md', articleFile({ slug: 'story-1', headline: 'Changed' }));
    const pool = createWorkerPool<FileToLoad[], LoadedArticle[]>(LOAD_WORKER, setup, 1);
    try {
      await expect(pool.run(files)).rejects.toThrow(/story-1\.md changed while the seed was running/);
      expect(await pool.run(files.slice(0, 1))).toHaveLength(1);
    } finally {
      await pool.close();
    }
    await expect(pool.run(files)).rejects.toThrow(/closed/);
  });
});
