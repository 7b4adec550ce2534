// Text and attribute values written into XML or HTML by hand (sitemaps, feed HTML fields) go through
// this, so a headline with "&", "<" or quotes stays text. Attributes are always double-quoted, so
// apostrophes need no escape (and stay readable to parsers that skip numeric references).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
