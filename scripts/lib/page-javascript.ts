// What JavaScript a page makes a browser load, counted the way issue 8's target is stated: each
// script file's body as the server sends it gzipped. Lighthouse's own transfer sizes are whatever
// encoding was served (our server prefers brotli, and improves its brotli on later hits) plus
// headers, so they change from run to run; these do not.
import http from 'node:http';

export interface PageJavaScript {
  /** Each `<script src>` the page runs (not the `nomodule` polyfills modern browsers skip). */
  files: { path: string; gzipBytes: number; bytes: number }[];
  /** Executable inline scripts (Next's bootstrap and streamed RSC data, ours): count and bytes. */
  inline: { count: number; bytes: number };
}

function get(url: string, encoding: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

export async function pageJavaScript(url: string): Promise<PageJavaScript> {
  const html = (await get(url, 'identity')).body.toString('utf8');
  const sources = new Set<string>();
  const inline = { count: 0, bytes: 0 };
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (/\snomodule\b/i.test(attributes)) continue;
    const src = /\ssrc="([^"]+)"/i.exec(attributes)?.[1];
    if (src) sources.add(new URL(src.replace(/&amp;/g, '&'), url).href);
    else if (!/\stype="application\/(ld\+)?json"/i.test(attributes)) {
      inline.count += 1;
      inline.bytes += Buffer.byteLength(body);
    }
  }
  const files = await Promise.all(
    [...sources].map(async (source) => {
      const [gzipped, plain] = await Promise.all([get(source, 'gzip'), get(source, 'identity')]);
      if (gzipped.status !== 200) throw new Error(`${source} answered ${gzipped.status}`);
      return { path: new URL(source).pathname, gzipBytes: gzipped.body.length, bytes: plain.body.length };
    }),
  );
  return { files, inline };
}
