import type * as XssModule from 'xss';
import xssExports from 'xss';

// What may reach a page from an article body. The renderer (markdown.ts) already writes nothing
// unsafe: it drops raw HTML and unsafe link targets itself. The sanitiser here is the second,
// independent lock, so a plugin or a markdown-it upgrade that writes something new cannot open a
// hole: an allow-list of exactly the tags and attributes the renderer writes, everything else
// dropped, and every href and src checked again.

// Schemes a reader's click or the browser may follow; anything else (javascript:, vbscript:, data:,
// file:, …) is dropped. Addresses without a scheme (relative, #anchors) are kept.
export const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'irc', 'ircs', 'xmpp']);
export const IMAGE_SCHEMES = new Set(['http', 'https']);

/** Whether a (normalised) URL is safe for a link or an image source. */
export function isSafeUrl(url: string, schemes: ReadonlySet<string> = LINK_SCHEMES): boolean {
  // Browsers ignore control characters and spaces inside a scheme; so does this check.
  const bare = url.replace(/[\u0000-\u0020]/g, '');
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare).replace(/[\u0000-\u0020]/g, '');
  } catch {
    // Not percent-decodable: judged as written.
  }
  for (const candidate of [bare, decoded]) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(candidate)?.[1]?.toLowerCase();
    if (scheme !== undefined && !schemes.has(scheme)) return false;
  }
  return true;
}

// js-xss rather than sanitize-html: measured on rendered articles, 0.03 ms an article against 0.17,
// and the seed renders tens of thousands (docs/decisions/005-dependencies.md). It is CommonJS and
// copies most of its exports in a loop, which Node cannot name for an ES import: the default import
// is the whole exports object at run time, whatever its typings say.
const xss = xssExports as unknown as typeof XssModule;

const footnoteLink = ['id', 'data-footnote-ref', 'data-footnote-backref', 'aria-describedby', 'aria-label'];
// Tags the renderer writes without attributes.
const bare = 'p br hr h1 h3 h4 h5 h6 strong em del s pre blockquote ul table thead tbody tr sup'.split(' ');
const sanitiser = new xss.FilterXSS({
  // Exactly what markdown.ts writes.
  whiteList: {
    ...Object.fromEntries(bare.map((tag) => [tag, []])),
    a: ['href', 'title', ...footnoteLink],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    ol: ['start'],
    section: ['class', 'data-footnotes'],
    h2: ['id'],
    li: ['id'],
    th: ['style'],
    td: ['style'],
  },
  // Unknown tags are dropped, not shown as text; comments too.
  stripIgnoreTag: true,
  safeAttrValue: (tag, name, value) => {
    const text = xss.friendlyAttrValue(value);
    if (name === 'href' || name === 'src')
      return isSafeUrl(text, tag === 'img' ? IMAGE_SCHEMES : LINK_SCHEMES) ? xss.escapeAttrValue(text) : '';
    // Table cells' alignment is the only style the renderer writes.
    if (name === 'style') return /^text-align:(left|right|center)$/.test(text) ? text : '';
    return xss.escapeAttrValue(text);
  },
});

/** Article HTML with everything outside the allow-list removed. */
export function sanitiseArticleHtml(html: string): string {
  return sanitiser.process(html);
}
