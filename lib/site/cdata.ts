import { randomUUID } from 'node:crypto';

// The `feed` library wraps RSS titles (and every HTML field) in CDATA through xml-js, which splits
// only the FIRST "]]>" of a value (String.replace with a string pattern): a headline with two writes
// raw XML into the feed. Text cannot be pre-split for it, since its one replacement would then break
// our own split. So each "]]>" is swapped for a marker that is unique to one document, the library
// writes the document, and every marker then becomes the standard split "]]]]><![CDATA[>", which a
// parser reads back as "]]>".

const CDATA_SPLIT = ']]]]><![CDATA[>';

export interface CdataGuard {
  /** The value to hand to the library in place of `text`. */
  protect(text: string): string;
  /** The library's output with every protected "]]>" written as a CDATA split. */
  restore(xml: string): string;
}

export function cdataGuard(): CdataGuard {
  // A private-use character and a random id: no headline can contain it by accident or design.
  const marker = `\uE000${randomUUID()}\uE000`;
  return {
    protect: (text) => text.replaceAll(']]>', `]]${marker}>`),
    restore: (xml) => xml.replaceAll(`]]${marker}>`, CDATA_SPLIT),
  };
}
