import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';

/**
 * The pixel size of a local image, read from the file's header, or null when the file is not an
 * image a browser can show. The seed stores it so pages reserve the image's space before it loads.
 */
export function readImageSize(file: string): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(readFileSync(file));
    return width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null;
  }
}
