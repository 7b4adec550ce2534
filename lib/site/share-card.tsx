import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImageResponse } from 'next/og';
import { LOGO } from './identity';
import { CARD_SIZE } from './share-image';

// The branded images next/og draws: an article's share card (its headline), the site's default card
// and the raster logo. They use next/og's bundled font, so they render without any network access.

const INK = '#1b2a41';
const PAPER = '#f7f3ea';
const ACCENT = '#b3261e';
// Generated images change only when the content does; a day keeps social crawlers and CDNs from
// holding a corrected headline for long.
const CACHE_CONTROL = 'public, max-age=86400';

let logoDataUrl: Promise<string> | undefined;

function logo(): Promise<string> {
  logoDataUrl ??= readFile(path.join(process.cwd(), 'public', LOGO.svgPath)).then(
    (svg) => `data:image/svg+xml;base64,${svg.toString('base64')}`,
  );
  return logoDataUrl;
}

// Long headlines get smaller type, and the longest are cut, so the card never overflows.
function headlineStyle(text: string): { fontSize: number; text: string } {
  if (text.length <= 60) return { fontSize: 76, text };
  if (text.length <= 110) return { fontSize: 60, text };
  return { fontSize: 48, text: text.length > 180 ? `${text.slice(0, 177).replace(/\s+\S*$/, '')}…` : text };
}

export async function shareCardResponse({
  siteName,
  kicker,
  title,
}: {
  siteName: string;
  kicker: string;
  title: string;
}) {
  const headline = headlineStyle(title);
  return new ImageResponse(
    <div
      style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', background: PAPER, color: INK }}
    >
      <div style={{ height: 24, background: ACCENT, display: 'flex' }} />
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', justifyContent: 'center', padding: '0 80px' }}>
        <div style={{ fontSize: 32, color: ACCENT, textTransform: 'uppercase', letterSpacing: 2, marginBottom: 24 }}>
          {kicker}
        </div>
        <div style={{ fontSize: headline.fontSize, lineHeight: 1.15 }}>{headline.text}</div>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', padding: '0 80px 48px', fontSize: 36 }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- drawn by next/og, not a page */}
        <img src={await logo()} width={72} height={72} alt="" style={{ marginRight: 24 }} />
        {siteName}
      </div>
    </div>,
    { ...CARD_SIZE, headers: { 'Cache-Control': CACHE_CONTROL } },
  );
}

export async function logoResponse() {
  return new ImageResponse(
    <div style={{ width: '100%', height: '100%', display: 'flex' }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- drawn by next/og, not a page */}
      <img src={await logo()} width={LOGO.width} height={LOGO.height} alt="" />
    </div>,
    { width: LOGO.width, height: LOGO.height, headers: { 'Cache-Control': CACHE_CONTROL } },
  );
}
