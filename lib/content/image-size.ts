import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';

/**
 * The pixel size of a local image, or null when the file is not an image a browser can show. The
 * seed stores it so pages reserve the image's space before it loads. The whole file is read (the
 * synchronous image-size API parses a buffer); lead images are small, and only the seed calls this.
 */
export function readImageSize(file: string): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(readFileSync(file));
    return width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null;
  }
}
