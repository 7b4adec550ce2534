import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// Bump when the rendering below changes, so the seed re-renders every article once (the version is
// part of each article's contentHash).
export const RENDER_VERSION = 2;

export interface RenderedMarkdown {
  /** Sanitised HTML: raw HTML in the source is dropped, never passed through. */
  html: string;
  /** Plain text, one block (paragraph, heading, list item) per line pair. */
  text: string;
  wordCount: number;
}

// remark-rehype already prefixes footnote ids with `user-content-` and writes the matching `#user-content-…`
// hrefs. The sanitizer's default schema would prefix every id a second time (and no href), so footnote
// links went nowhere. Raw HTML never reaches the sanitizer's input, so every id in it comes from
// remark-rehype: the prefix is applied there once, and the sanitizer keeps its other rules.
const schema = { ...defaultSchema, clobberPrefix: '' };

// Built once: a frozen processor is reused across calls and holds no per-document state.
const toHast = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, schema).freeze();
const toHtml = unified().use(rehypeStringify).freeze();

/** Renders an article body. Pure: the same Markdown always gives the same result. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const tree = toHast.runSync(toHast.parse(markdown)) as Root;
  const html = toHtml.stringify(tree);
  const text = blocks(tree.children).join('\n\n');
  return { html, text, wordCount: countWords(text) };
}

const CONTAINERS = new Set(['ul', 'ol', 'blockquote', 'section', 'div', 'table', 'thead', 'tbody', 'tr']);

function blocks(nodes: (Root['children'][number] | ElementContent)[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'element' && CONTAINERS.has((node as Element).tagName)) {
      out.push(...blocks((node as Element).children));
    } else if (node.type === 'element') {
      const text = toString(node).trim();
      if (text) out.push(text);
    } else if (node.type === 'text' && node.value.trim()) {
      out.push(node.value.trim());
    }
  }
  return out;
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
