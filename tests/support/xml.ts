import { XMLParser, XMLValidator } from 'fast-xml-parser';

// A real XML parser for the feed and sitemap tests (unit and end-to-end). Element values stay
// strings, attributes are prefixed "@", and the elements that repeat are always arrays.

const LISTS = new Set(['item', 'entry', 'url', 'sitemap', 'category', 'author', 'dc:creator']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  // Atom has several <link>s per element; RSS has one, as text.
  isArray: (name, jpath) => LISTS.has(name) || (name === 'link' && String(jpath).startsWith('feed')),
});

/** Parses XML after checking it is well formed: a malformed document throws, naming the problem. */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(xml) as Record<string, unknown>;
}

/** Text of an element that may carry attributes (the parser then nests it under "#text"). */
export function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as { '#text': unknown })['#text']);
  throw new Error(`no text in ${JSON.stringify(node)}`);
}

/** Decodes the HTML escapes of a type="html" text (what a feed reader shows). */
export function htmlText(html: string): string {
  return html.replace(
    /&(lt|gt|quot|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name] ?? '',
  );
}
