import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeSyntheticContent } from '../../scripts/synthetic-articles';
import { readContentFiles } from './files';
import { validateContent } from './validate';

describe('synthetic content (scripts/synthetic-articles.ts)', () => {
  it('writes a complete content folder that validates', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'news-synthetic-'));
    try {
      await writeSyntheticContent(path.join(dir, 'content'), { count: 120 });
      const files = await readContentFiles(path.join(dir, 'content'));
      if (!files) throw new Error('no content folder');
      const { problems, content } = validateContent(files, { timeZone: 'Europe/London', publicDir: dir });
      expect(problems).toEqual([]);
      expect(content.articles).toHaveLength(120);
      expect(content.sections.length).toBeGreaterThan(1);
      for (const article of content.articles) expect(article.headline).toMatch(/\(synthetic article \d+\)$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to write into the real content folder', async () => {
    const real = fileURLToPath(new URL('../../prisma/content', import.meta.url));
    await expect(writeSyntheticContent(real, { count: 1 })).rejects.toThrow(/Refusing/);
    await expect(writeSyntheticContent(path.join(real, 'articles'), { count: 1 })).rejects.toThrow(/Refusing/);
  });
});
