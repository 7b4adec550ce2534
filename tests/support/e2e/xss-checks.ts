import type { Page } from '@playwright/test';

// Two views of the same question, "can stored text run as code?", for e2e/security-xss.spec.ts:
// what a browser does while showing a page, and what the markup it was sent says, read by the
// browser's own inert parser (DOMParser runs nothing and loads nothing).

/** Dialogs, console errors, uncaught exceptions and requests to any host but the site's. */
export function watchForScripts(page: Page, siteOrigin: string): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`exception: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${siteOrigin}/`) && !/^(data|blob|about):/.test(url)) seen.push(`request: ${url}`);
  });
  return seen;
}

// Next's own inline scripts: the RSC payload pushes, the Turbopack chunk list, React's streaming
// helpers. A source string, since page.evaluate's functions run in the browser and see no closure.
const NEXT_INLINE = String.raw`^(\(?self\.__next_[a-z]+\b|\(globalThis\["TURBOPACK"\]|\$R[A-Z]\b|\$RC\(|requestAnimationFrame\(function\(\)\{\$RT)`;

/**
 * Whatever in an HTML document (or fragment) could run code: script elements other than Next's own
 * (external files under /_next/, its inline bootstrap and streaming calls), the site's own inline
 * scripts (`own`: their exact text, see ownInlineScripts) and JSON-LD, frames and plugins, <base>,
 * meta refreshes, event-handler attributes, and javascript:, vbscript: or data:text/html URLs in any
 * attribute that takes one.
 */
export async function unsafeMarkup(page: Page, html: string, own: readonly string[] = []): Promise<string[]> {
  return page.evaluate(
    ([source, ownScripts, nextPattern]) => {
      const doc = new DOMParser().parseFromString(source, 'text/html');
      const found: string[] = [];
      const nextInline = new RegExp(nextPattern);
      const describe = (element: Element) => element.outerHTML.slice(0, 160);
      for (const script of doc.querySelectorAll('script')) {
        const src = script.getAttribute('src');
        const type = script.getAttribute('type');
        const inline = script.textContent?.trim() ?? '';
        const allowed =
          (src !== null && src.startsWith('/_next/') && !inline) ||
          (src === null && type === 'application/ld+json') ||
          (src === null && type === null && (nextInline.test(inline) || ownScripts.includes(inline)));
        if (!allowed) found.push(`script: ${describe(script)}`);
      }
      for (const element of doc.querySelectorAll('iframe, frame, object, embed, applet, base, meta[http-equiv]')) {
        found.push(`element: ${describe(element)}`);
      }
      const urlAttributes = new Set([
        'href',
        'src',
        'action',
        'formaction',
        'xlink:href',
        'data',
        'poster',
        'srcset',
        'background',
      ]);
      for (const element of doc.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith('on')) found.push(`handler: ${describe(element)}`);
          // Browsers ignore control characters and spaces inside a URL's scheme.
          const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (urlAttributes.has(name) && /^(javascript|vbscript):|^data:text\/html/.test(value)) {
            found.push(`url: ${describe(element)}`);
          }
          if (name === 'srcdoc') found.push(`srcdoc: ${describe(element)}`);
        }
      }
      return found;
    },
    [html, own, NEXT_INLINE] as const,
  );
}

/**
 * The inline scripts of a page that are neither Next's nor JSON-LD, in full: on a page that shows no
 * stored text, these are the site's own (the "3 hours ago" script of app/_components/time-ago-script.tsx).
 */
export async function ownInlineScripts(page: Page, html: string): Promise<string[]> {
  return page.evaluate(
    ([source, nextPattern]) => {
      const doc = new DOMParser().parseFromString(source, 'text/html');
      const nextInline = new RegExp(nextPattern);
      return [...doc.querySelectorAll('script:not([src]):not([type])')]
        .map((script) => script.textContent?.trim() ?? '')
        .filter((inline) => inline && !nextInline.test(inline));
    },
    [html, NEXT_INLINE] as const,
  );
}
