import type { LeadImage as LeadImageData } from '@/lib/data/types';

// Images without recorded dimensions get a 3:2 frame, so the text below does not jump as they load.
const FALLBACK = { width: 1200, height: 800 };
/** Next's default `images.deviceSizes`: the widths its optimiser (/_next/image) accepts. */
const WIDTHS = [640, 750, 828, 1080, 1200, 1920, 2048, 3840];
const SIZES = '(min-width: 60rem) 45rem, 100vw';

/** The optimiser's address for one width, as next/image's default loader writes it. */
function optimised(src: string, width: number): string {
  return `/_next/image?url=${encodeURIComponent(src)}&w=${width}&q=75`;
}

// A plain <img> rendered on the server, with the srcset next/image would write: next/image is a
// client component and cost every article page 6 KiB of gzipped JavaScript for the same markup.
export function LeadImage({ image, priority = false }: { image: LeadImageData; priority?: boolean }) {
  // Served as they are, as next/image does: remote hosts (not known in advance) and SVG (vector
  // images need no resizing; the optimiser refuses them).
  const remote = /^https?:\/\//.test(image.src) || /\.svg(?:[?#]|$)/i.test(image.src);
  const width = image.width ?? FALLBACK.width;
  const height = image.height ?? FALLBACK.height;
  return (
    <figure className="lead-image">
      {/* eslint-disable-next-line @next/next/no-img-element -- see above: same markup, no client JavaScript */}
      <img
        src={remote ? image.src : optimised(image.src, WIDTHS[WIDTHS.length - 1] as number)}
        srcSet={remote ? undefined : WIDTHS.map((w) => `${optimised(image.src, w)} ${w}w`).join(', ')}
        sizes={remote ? undefined : SIZES}
        alt={image.alt}
        width={width}
        height={height}
        decoding="async"
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : undefined}
      />
      {(image.caption || image.credit) && (
        <figcaption>
          {image.caption}
          {image.credit && <span className="lead-image__credit"> {image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
