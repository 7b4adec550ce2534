/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a substring as a
 * view of its parent, so a slug or headline kept for the whole run would keep its entire file alive:
 * over a large archive, every file.
 */
export function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
