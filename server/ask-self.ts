import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

// A page of this site asked of the very server that received `req` (its own address and port, over
// loopback), for answers our server builds from a whole page of Next's: the not-found document
// (server/not-found-page.ts) and the search page's shell (server/search-page.tsx). The request
// carries the reader's Host, as the page would have seen it, and asks for the bytes uncompressed.

export interface SelfAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function askSelf(req: IncomingMessage, path: string, headers: Record<string, string> = {}): Promise<SelfAnswer> {
  const { localAddress, localPort } = req.socket;
  return new Promise((resolve, reject) => {
    const asking = request(
      {
        host: localAddress,
        port: localPort,
        path,
        headers: { host: req.headers.host ?? 'localhost', 'accept-encoding': 'identity', ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    asking.setTimeout(10_000, () => asking.destroy(new Error('no answer')));
    asking.on('error', reject);
    asking.end();
  });
}

/** True when the answer is an HTML document. */
export const isHtml = (answer: SelfAnswer): boolean =>
  String(answer.headers['content-type'] ?? '').startsWith('text/html');
