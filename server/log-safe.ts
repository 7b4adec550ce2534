/**
 * Text from a client (a path, a header) made safe for one log line: control characters (newlines
 * that would forge a line, ESC that drives a terminal) and anything outside printable ASCII are
 * written as escapes, and the result is cut to `max` characters.
 */
export function safeForLog(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}...(${text.length} chars)` : text;
  return cut.replace(/[^\x20-\x7e]|\\/g, (char) => {
    if (char === '\\') return '\\\\';
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
