import { describe, expect, it } from 'vitest';
import { pack, packedBytes, unpack } from './packed-value.mjs';

// Values shaped like the ones Next hands its cache handler: an article page (HTML, RSC payload and
// its segments, one of which is the payload itself) and a route response (a feed's body).

const html = `<!DOCTYPE html><html lang="en-GB"><body>${'<p>Harbour works resume after the storm.</p>'.repeat(600)}</body></html>`;
const rscData = Buffer.from(`0:["$","main",null,${JSON.stringify('harbour '.repeat(2000))}]`);

function articlePage() {
  return {
    kind: 'APP_PAGE',
    html,
    rscData,
    status: 200,
    headers: { 'x-next-cache-tags': '_N_T_/layout' },
    postponed: undefined,
    segmentData: new Map([
      ['/_tree', Buffer.from('{"tree":true}')],
      ['/_full', rscData],
      ['/_head', Buffer.from('<title>Harbour</title>'.repeat(100))],
      ['/todo-remove-fake-segment/__PAGE__', Buffer.alloc(0)],
    ]),
  };
}

describe("Next's cached values, packed", () => {
  it('gives back a page exactly as Next gave it, in new objects', () => {
    const value = articlePage();
    const back = unpack(pack(value));
    expect(back).toEqual(value);
    expect(typeof back.html).toBe('string');
    expect(Buffer.isBuffer(back.rscData)).toBe(true);
    expect(back.segmentData).not.toBe(value.segmentData);
    expect(back.rscData).not.toBe(value.rscData);
    // The segment that is the payload stays one buffer, as Next made it.
    expect(back.segmentData.get('/_full')).toBe(back.rscData);
  });

  it('gives back a route response and adds no fields', () => {
    const value = { kind: 'APP_ROUTE', body: Buffer.from('<rss>'.repeat(1000)), status: 200, headers: {} };
    const back = unpack(pack(value));
    expect(back).toEqual(value);
    expect(Object.keys(back).sort()).toEqual(Object.keys(value).sort());
  });

  it('leaves the value it was given untouched', () => {
    const value = articlePage();
    pack(value);
    expect(value).toEqual(articlePage());
    expect(value.rscData).toBe(rscData);
  });

  it('holds a page in a fraction of its bytes, the shared segment counted once', () => {
    const value = articlePage();
    const raw = Buffer.byteLength(html) + rscData.length * 2 + 13 + 2_200;
    const packed = pack(value);
    expect(packedBytes(packed)).toBeLessThan(raw / 4);
    expect(packed.segmentData.get('/_full')).toBe(packed.rscData);
  });
});
