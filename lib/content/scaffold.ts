import { stringify } from 'yaml';
import { slugify } from './slug';

export interface Scaffold {
  /** The file name without ".md": the article's key for good. */
  key: string;
  text: string;
}

/** A new draft article file, ready to edit: what `npm run new:article -- "Headline"` writes. */
export function scaffoldArticle(headline: string, date: string, section: string): Scaffold {
  const key = slugify(headline);
  if (!key) throw new Error(`"${headline}" has no letters or digits to make a file name from.`);
  const fields = stringify({ slug: key, headline: headline.trim() }).trimEnd();
  const text = `---
# See docs/editing.md. To change the URL, change the slug here; never rename this file.
${fields}
standfirst:
section: ${section}
authors: []
tags: []
status: draft
publishedAt: ${date}
# image:
#   src: /images/example.jpg
#   alt: What the picture shows, for readers who cannot see it
#   caption:
#   credit:
# corrections:
#   - date: ${date}
#     kind: correction
#     text: What was wrong, and what is right.
---

Write the article here. Leave a blank line between paragraphs.
`;
  return { key, text };
}
