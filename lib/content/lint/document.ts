import type { Token } from 'markdown-it';
import { parseMarkdown, readableUrl } from '../markdown';
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
  // Only articles with a link or an image need the Markdown parser (bare web addresses are links
  // too, but their text is the address: no rule has anything to say about them).
  if (/[[\]]/.test(split.body)) {
    for (const block of parseMarkdown(split.body)) {
      if (block.type !== 'inline' || !block.map) continue;
      // The block's first line in the file; each line break inside it moves one line down.
      let line = block.map[0] + 1 + bodyOffset;
      let link: BodyLink | undefined;
      for (const token of block.children ?? []) {
        if (token.type === 'softbreak' || token.type === 'hardbreak') {
          line++;
          if (link) link.text += ' ';
        } else if (token.type === 'link_open') {
          link = { url: readableUrl(String(token.attrGet('href') ?? '')), text: '', line };
        } else if (token.type === 'link_close' && link) {
          links.push({ ...link, text: link.text.trim() });
          link = undefined;
        } else if (token.type === 'image') {
          images.push({ url: readableUrl(String(token.attrGet('src') ?? '')), alt: token.content, line });
        }
        if (link) link.text += textOf(token);
      }
    }
  }
  return { file: file.display, fields, lineOf: parsed.lineOf, links, images };
}

/** The words a token shows: an image by its alt text. */
function textOf(token: Token): string {
  if (token.type === 'text' || token.type === 'code_inline' || token.type === 'image') return token.content;
  return '';
}
