import { describe, expect, it } from 'vitest';
import { readContentFiles } from './files';
import { scaffoldArticle } from './scaffold';
import { createContentFolder } from '../../tests/support/content-folder';
import { validateContent } from './validate';

describe('scaffoldArticle', () => {
  it('writes a draft dated today that the seed accepts as it is', async () => {
    const { key, text } = scaffoldArticle(
      'Storm closes “Exampleton” harbour: ferries cancelled',
      '2025-11-27',
      'world',
    );
    expect(key).toBe('storm-closes-exampleton-harbour-ferries-cancelled');
    expect(text).toContain('status: draft');
    expect(text).toContain('publishedAt: 2025-11-27');
    const folder = createContentFolder({ [key]: text });
    try {
      const files = await readContentFiles(folder.dir);
      if (!files) throw new Error('no content folder');
      const { problems, content } = validateContent(files, { timeZone: 'Europe/London', publicDir: folder.publicDir });
      expect(problems).toEqual([]);
      expect(content.articles[0]).toMatchObject({
        key,
        headline: 'Storm closes “Exampleton” harbour: ferries cancelled',
        status: 'DRAFT',
      });
    } finally {
      folder.dispose();
    }
  });
});
