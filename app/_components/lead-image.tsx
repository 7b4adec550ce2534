import Image from 'next/image';
import type { LeadImage as LeadImageData } from '@/lib/data/types';

// Images without recorded dimensions get a 3:2 frame, so the text below does not jump as they load.
const FALLBACK = { width: 1200, height: 800 };

export function LeadImage({ image, priority = false }: { image: LeadImageData; priority?: boolean }) {
  const remote = /^https?:\/\//.test(image.src);
  return (
    <figure className="lead-image">
      <Image
        src={image.src}
        alt={image.alt}
        width={image.width ?? FALLBACK.width}
        height={image.height ?? FALLBACK.height}
        sizes="(min-width: 60rem) 45rem, 100vw"
        priority={priority}
        // Remote hosts are not known in advance, so their images are served as they are.
        unoptimized={remote}
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
