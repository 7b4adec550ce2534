import type { Image, Link, Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { SourceFile } from '../files';
import { type ParsedArticleFile, parseArticleFile } from '../article-file';

// An article file as the lint rules see it: the raw front matter (whatever its shape, since the
// seed's validator reports wrong shapes) with a line for each field, and the links and images of
// the body with their lines in the file.

export interface BodyLink {
  url: string;
  /** The words a reader sees (an image inside a link counts by its alt text). */
  text: string;
  line: number;
}

export interface BodyImage {
  url: string;
  alt: string;
  line: number;
}

export interface LintDocument {
  file: string;
  fields: Record<string, unknown>;
  lineOf(path: readonly PropertyKey[]): number | undefined;
  links: BodyLink[];
  images: BodyImage[];
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Null when the file cannot be read as front matter and YAML: the seed's validator reports that. */
export function readLintDocument(file: SourceFile): LintDocument | null {
  return lintDocumentOf(file, parseArticleFile(file));
}

/** The same, from a file already parsed for the validator: its YAML is not parsed a second time. */
export function lintDocumentOf(file: SourceFile, { split, parsed }: ParsedArticleFile): LintDocument | null {
  if (!split || !parsed) return null;
  const fields =
    typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : {};
  // The body starts after the front matter: its line 1 is this line of the file.
  const bodyOffset = split.yaml.split('\n').length + split.yamlLineOffset;
  const links: BodyLink[] = [];
  const images: BodyImage[] = [];
  // Only articles with a link or an image need the Markdown parser.
  if (/[[\]]/.test(split.body)) {
    walk(parser.parse(split.body) as Root, (node) => {
      const line = (node.position?.start.line ?? 1) + bodyOffset;
      if (node.type === 'link') links.push({ url: (node as Link).url, text: textOf(node).trim(), line });
      if (node.type === 'image') images.push({ url: (node as Image).url, alt: (node as Image).alt ?? '', line });
    });
  }
  return { file: file.display, fields, lineOf: parsed.lineOf, links, images };
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}
