import { request, type IncomingMessage } from 'node:http';
import { isErrorShell } from './client-runtime';

// When a page calls notFound() (an unknown article, section, tag, author or list page), Next 16
// answers 404 with an empty document (`<html id="__next_error__">`) and the site's not-found page
// only inside its script payload, for its client runtime to render (vercel/next.js#95613,
// #62228): without JavaScript, and on pages served without the runtime (decision 007), readers
// would get a blank page. The not-found page is one document for every unknown address
// (app/not-found.tsx, in the root layout), and Next renders it whole at an address no route
// matches. So our server asks itself for that document once per content version and answers
// such a 404 with it.

/** An address no route of the app matches: Next renders the root not-found page there, whole. */
export const NOT_FOUND_PATH = '/_not-found';

/** True for Next's empty document whose body only its client runtime renders. */
export const isEmptyNotFound = (status: number, html: Buffer): boolean =>
  status === 404 && isErrorShell(html.subarray(0, 256).toString('utf8'));

export class NotFoundPage {
  #document: Promise<Buffer | null> | null = null;

  /** Forgets the document (the content changed: its header lists the sections). */
  clear(): void {
    this.#document = null;
  }

  /**
   * The whole not-found document, asked once of the server that received `req` (same address and
   * port), or null when it cannot be had whole: then the caller keeps Next's answer.
   */
  document(req: IncomingMessage): Promise<Buffer | null> {
    if (!this.#document) {
      const asked = askSelf(req).catch(() => null);
      this.#document = asked;
      // A failure is not remembered: the next unknown address asks again.
      void asked.then((body) => {
        if (!body && this.#document === asked) this.#document = null;
      });
    }
    return this.#document;
  }
}

function askSelf(req: IncomingMessage): Promise<Buffer | null> {
  const { localAddress, localPort } = req.socket;
  return new Promise((resolve, reject) => {
    const asking = request(
      {
        host: localAddress,
        port: localPort,
        path: NOT_FOUND_PATH,
        headers: { host: req.headers.host ?? 'localhost', 'accept-encoding': 'identity' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const html = String(response.headers['content-type'] ?? '').startsWith('text/html');
          resolve(html && response.statusCode === 404 && !isEmptyNotFound(404, body) ? body : null);
        });
      },
    );
    asking.setTimeout(10_000, () => asking.destroy(new Error('no answer')));
    asking.on('error', reject);
    asking.end();
  });
}
