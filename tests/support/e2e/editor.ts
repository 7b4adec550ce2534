import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { stringify } from 'yaml';
import { contentDir } from './content';

// The newsroom's CMS as the tests use it (docs/editing.md): an `editor` fixture that writes article
// files into the run's content folder under names unique to the test and worker, and removes them
// when the test ends. Every spec that writes content uses it, so front matter is always YAML
// written by a YAML library, never lines joined by hand.

export interface WriteOptions {
  /** The article text after the front matter. */
  body?: string;
  /**
   * Leave the file in place after the test. For an article other tests' pages may link to: the next
   * seed would unpublish a removed one under them. The run's content folder is thrown away anyway.
   */
  keep?: boolean;
}

export interface Editor {
  /** A key (file name and default slug) unique to this test and worker: `e2e-<name>-w<worker>-<stamp>`. */
  key(name: string): string;
  /** Writes articles/<key>.md, a fictional published article; `fields` override the front matter. */
  write(
    key: string,
    fields?: Record<string, unknown>,
    options?: WriteOptions,
  ): Promise<{ slug: string; headline: string }>;
  /** Removes articles/<key>.md now (the next seed unpublishes it). */
  remove(key: string): Promise<void>;
}

export const test = base.extend<{ editor: Editor }>({
  editor: async ({}, provide, testInfo) => {
    const written = new Set<string>();
    const stamp = `w${testInfo.workerIndex}-${Date.now().toString(36)}`;
    const fileOf = (key: string) => path.join(contentDir(), 'articles', `${key}.md`);
    await provide({
      key: (name) => `e2e-${name}-${stamp}`,
      async write(key, fields = {}, { body = 'Fictional text for an end-to-end test.', keep = false } = {}) {
        const frontMatter = {
          slug: key,
          headline: `Fictional test story ${key}`,
          standfirst: 'A fictional story written by the end-to-end tests.',
          section: 'world',
          authors: [],
          status: 'published',
          publishedAt: new Date(Date.now() - 60_000).toISOString(),
          ...fields,
        };
        const file = fileOf(key);
        await writeFile(file, `---\n${stringify(frontMatter)}---\n\n${body}\n`);
        if (keep) written.delete(file);
        else written.add(file);
        return { slug: String(frontMatter.slug), headline: String(frontMatter.headline) };
      },
      async remove(key) {
        await rm(fileOf(key), { force: true });
        written.delete(fileOf(key));
      },
    });
    await Promise.all([...written].map((file) => rm(file, { force: true })));
  },
});

export { expect } from '@playwright/test';
