import { serializeJsonLd, type JsonLd as JsonLdData } from '@/lib/site/structured-data';

/**
 * Structured data for search engines. A data block, not a script: the browser never runs it, so it
 * needs no CSP nonce. serializeJsonLd escapes "<", so no value can close the element early.
 */
export function JsonLd({ data }: { data: JsonLdData }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
