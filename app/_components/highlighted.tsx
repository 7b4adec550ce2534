import { Fragment } from 'react';
import type { HighlightedText } from '@/lib/data/types';

/** Search text with the matched words in <mark>; every piece is rendered as text, never as HTML. */
export function Highlighted({ text }: { text: HighlightedText }) {
  return text.map((piece, index) =>
    piece.match ? <mark key={index}>{piece.text}</mark> : <Fragment key={index}>{piece.text}</Fragment>,
  );
}
