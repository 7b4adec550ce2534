import type { IncomingMessage } from 'node:http';
import { askSelf, isHtml, type SelfAnswer } from './ask-self';
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
      const asked = askSelf(req, NOT_FOUND_PATH)
        .then(wholeDocument)
        .catch(() => null);
      this.#document = asked;
      // A failure is not remembered: the next unknown address asks again.
      void asked.then((body) => {
        if (!body && this.#document === asked) this.#document = null;
      });
    }
    return this.#document;
  }
}

/** Next's answer at NOT_FOUND_PATH when it is the whole not-found document, else null. */
function wholeDocument(answer: SelfAnswer): Buffer | null {
  const { status, body } = answer;
  return isHtml(answer) && status === 404 && !isEmptyNotFound(404, body) ? body : null;
}
