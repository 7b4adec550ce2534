import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

// The hostile content of e2e/security-xss.spec.ts, generated into the run's content folder by
// scripts/e2e.ts before the seed: one article per payload of e2e/fixtures/xss/payloads.txt, with the
// payload as its headline, standfirst, body (raw, quoted, listed, as link text and title), image alt,
// caption and credit, correction, tag name, and its author's name, role and bio. Published long ago,
// so the suite's other lists keep their newest stories on top.

const PAYLOAD_FILE = path.resolve('e2e/fixtures/xss/payloads.txt');
/** A word in every hostile article, for search. */
export const XSS_SEARCH_WORD = 'xsscorpus';

export interface XssCase {
  payload: string;
  articleSlug: string;
  authorSlug: string;
  tagName: string;
}

export function xssCases(): XssCase[] {
  return readFileSync(PAYLOAD_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((payload, index) => {
      const n = String(index + 1).padStart(2, '0');
      // The number keeps each tag's slug unique, whatever the payload slugifies to.
      return { payload, articleSlug: `xss-${n}`, authorSlug: `xss-author-${n}`, tagName: `xss${n} ${payload}` };
    });
}

export function writeXssContent(contentDir: string): number {
  const cases = xssCases();
  appendFileSync(
    path.join(contentDir, 'authors.yaml'),
    `\n${stringify(cases.map(({ payload, authorSlug }) => ({ slug: authorSlug, name: payload, role: payload, bio: payload })))}`,
  );
  mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
  cases.forEach(({ payload, articleSlug, authorSlug, tagName }, index) => {
    const frontMatter = {
      slug: articleSlug,
      headline: payload,
      standfirst: payload,
      section: 'world',
      authors: [authorSlug],
      tags: [tagName],
      status: 'published',
      publishedAt: `2019-01-01T${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`,
      image: { src: '/logo.svg', alt: payload, caption: payload, credit: payload, width: 512, height: 512 },
      corrections: [{ date: '2019-01-02', kind: 'correction', text: payload }],
    };
    const body = [
      `Hostile fixture ${articleSlug} (${XSS_SEARCH_WORD}).`,
      payload,
      `> ${payload}`,
      `- ${payload}`,
      // A named link text stays non-empty once a payload is sanitised away, as the content lint asks.
      `[Related: ${articleSlug} ${payload}](/articles/${articleSlug} "${payload.replaceAll('"', "'")}")`,
    ].join('\n\n');
    writeFileSync(
      path.join(contentDir, 'articles', `${articleSlug}.md`),
      `---\n${stringify(frontMatter)}---\n\n${body}\n`,
    );
  });
  return cases.length;
}
