import type { HighlightedText } from './types';

// Search backends wrap matched words in these two private-use characters instead of HTML tags, and
// splitHighlights turns the result into plain pieces. No markup is built from stored text, so an
// article containing "<script>" shows those characters, nothing more.
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

export function splitHighlights(marked: string): HighlightedText {
  const pieces: HighlightedText = [];
  let match = false;
  for (const part of marked.split(/([\uE000\uE001])/u)) {
    if (part === MATCH_START) match = true;
    else if (part === MATCH_END) match = false;
    else if (part) pieces.push({ text: part, match });
  }
  return pieces;
}
