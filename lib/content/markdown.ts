import MarkdownIt, { type Env, type RendererRule as Rule, type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { IMAGE_SCHEMES, isSafeUrl, sanitiseArticleHtml } from './sanitise';

// Bump when the rendering below changes, so the seed re-renders every article once (the version is
// part of each article's contentHash and sourceHash).
// 3: markdown-it instead of unified/remark/rehype (a tenth of the time per article; see
//    docs/decisions/005-dependencies.md).
export const RENDER_VERSION = 3;

export interface RenderedMarkdown {
  /** Safe HTML: raw HTML in the source is dropped, never passed through, and no link can run script. */
  html: string;
  /** Plain text, one block (paragraph, heading, list item, table cell) per line pair. */
  text: string;
  wordCount: number;
}

// Built once: the parser holds no per-document state. `html: true` only so that raw HTML comes out
// as tokens of its own, which the rules below render as nothing (escaping it would leave attribute
// text such as onerror="…" on the page as words). GFM: tables and ~~strikethrough~~ are built in,
// bare http(s) addresses are linked (linkify; addresses without a scheme are left as text), and
// footnotes come from markdown-it-footnote. Typographer off: quotes and dashes stay as written.
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
md.linkify.set({ fuzzyLink: false });
md.use(footnote);
// Every destination is parsed as a link; whether it may be one is decided when rendering (below),
// so an unsafe link keeps its text instead of showing its Markdown source.
md.validateLink = () => true;

const rules = md.renderer.rules;
rules.html_block = () => '';
rules.html_inline = () => '';
// <del>, as GFM writes ~~struck~~ text, rather than markdown-it's <s>.
rules.s_open = () => '<del>';
rules.s_close = () => '</del>';

const renderToken: Rule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);

// An unsafe link renders as its text alone: its opening and closing tags are both left out (links
// never nest in Markdown, so the open link is the last one opened).
rules.link_open = (tokens, idx, options, env, self) => {
  const safe = isSafeUrl(String(tokens[idx]!.attrGet('href') ?? ''));
  const open = unsafeLinks(env);
  open.push(!safe);
  return safe ? renderToken(tokens, idx, options, env, self) : '';
};
rules.link_close = (tokens, idx, options, env, self) =>
  unsafeLinks(env).pop() ? '' : renderToken(tokens, idx, options, env, self);

const renderImage = rules.image!;
rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  if (isSafeUrl(String(token.attrGet('src') ?? ''), IMAGE_SCHEMES)) return renderImage(tokens, idx, options, env, self);
  return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
};

/** Per document: for each link opened, whether it was left out as unsafe. */
function unsafeLinks(env: Env | undefined): boolean[] {
  const state = env as { unsafeLinks?: boolean[] } | undefined;
  if (!state) throw new Error('renderMarkdown always passes an env');
  return (state.unsafeLinks ??= []);
}

// Footnotes, marked up as GitHub (and the previous renderer) do: ids prefixed `user-content-`, so
// they cannot clash with the page's own ids, with links both ways and the reference described by
// the list's heading.
const footnoteNumber = (token: Token) => String((token.meta as { id: number }).id + 1);
const refId = (token: Token) => {
  const { subId } = token.meta as { subId: number };
  return `user-content-fnref-${footnoteNumber(token)}${subId > 0 ? `-${subId + 1}` : ''}`;
};
rules.footnote_ref = (tokens, idx) => {
  const token = tokens[idx]!;
  const n = footnoteNumber(token);
  return `<sup><a href="#user-content-fn-${n}" id="${refId(token)}" data-footnote-ref aria-describedby="footnote-label">${n}</a></sup>`;
};
rules.footnote_block_open = () =>
  '<section data-footnotes class="footnotes"><h2 id="footnote-label">Footnotes</h2>\n<ol>\n';
rules.footnote_block_close = () => '</ol>\n</section>\n';
rules.footnote_open = (tokens, idx) => `<li id="user-content-fn-${footnoteNumber(tokens[idx]!)}">`;
rules.footnote_close = () => '</li>\n';
rules.footnote_anchor = (tokens, idx) => {
  const token = tokens[idx]!;
  const n = footnoteNumber(token);
  return ` <a href="#${refId(token)}" data-footnote-backref aria-label="Back to reference ${n}">↩</a>`;
};

/** The body's tokens, as the renderer reads it (for the content lint's links and images). */
export function parseMarkdown(markdown: string): Token[] {
  return md.parse(markdown, {});
}

/** A link's address as its editor wrote it, not percent-encoded for the page. */
export function readableUrl(href: string): string {
  return md.normalizeLinkText(href);
}

/** Renders an article body. Pure: the same Markdown always gives the same result. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const env: Env = {};
  const tokens = md.parse(markdown, env);
  // Without the newline markdown-it ends every block with: the stored HTML is what a page shows.
  const html = sanitiseArticleHtml(md.renderer.render(tokens, md.options, env).trimEnd());
  const text = blocks(tokens).join('\n\n');
  return { html, text, wordCount: countWords(text) };
}

/** The text of each block that holds words: every inline run (paragraph, heading, cell) and code block. */
function blocks(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const text = token.type === 'inline' ? inlineText(token.children ?? []) : isCode(token) ? token.content : '';
    const trimmed = text.trim();
    if (trimmed) out.push(trimmed);
  }
  return out;
}

function isCode(token: Token): boolean {
  return token.type === 'fence' || token.type === 'code_block';
}

function inlineText(children: Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += '\n';
    // Raw HTML is dropped from the page, so from the text too; images and footnote marks hold no words.
  }
  return text;
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
