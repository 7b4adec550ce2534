import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, policyForHtml } from './csp';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe('the Content-Security-Policy of an HTML page', () => {
  const bootstrap = '(self.__next_f=self.__next_f||[]).push([0])';
  const data = 'self.__next_f.push([1,"a:\\"<\\u002fscript>\\""])';
  const html = [
    '<html><head><script src="/_next/static/chunks/a.js" async=""></script></head><body>',
    `<script>${bootstrap}</script>`,
    `<script id="_R_">${data}</script>`,
    `<script type="application/ld+json">{"@type":"NewsArticle"}</script>`,
    `<script>${bootstrap}</script>`,
    '</body></html>',
  ].join('');

  it('names each distinct inline script by its sha256, and neither external scripts nor JSON-LD', () => {
    expect(inlineScriptHashes(html)).toEqual([sha(bootstrap), sha(data)]);
  });

  it('allows those scripts and no other inline script', () => {
    const policy = policyForHtml(html);
    expect(policy).toContain(`script-src 'self' 'sha256-${sha(bootstrap)}' 'sha256-${sha(data)}';`);
    expect(policy.split('; ').find((part) => part.startsWith('script-src'))).not.toMatch(/unsafe|nonce/);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('allows no inline script in a page that has none', () => {
    expect(policyForHtml('<p>plain</p>')).toContain("script-src 'self';");
  });
});
