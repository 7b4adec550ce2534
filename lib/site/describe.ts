// A description for search results, link previews, feeds and structured data: the standfirst, or the
// body's first sentences. One function, so every consumer describes an article the same way.
const MAX_LENGTH = 160;

export function describeArticle({ standfirst, bodyText }: { standfirst: string | null; bodyText: string }): string {
  if (standfirst) return standfirst;
  const text = bodyText.replace(/\s+/g, ' ').trim();
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 3).replace(/\s+\S*$/, '')}…`;
}
