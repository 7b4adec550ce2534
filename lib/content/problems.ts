// A problem found in the content folder, told the way an editor can act on it: which file, which
// field (and line), what was there and what should be.
export interface Problem {
  /** Path of the file as the editor knows it, relative to the working directory. */
  file: string;
  /** The field, as a dotted path: "publishedAt", "image.alt", "authors[1]". Absent for whole-file problems. */
  field?: string;
  line?: number;
  /** What the file holds; absent when the problem is not about one value (e.g. a missing file). */
  found?: string;
  expected: string;
}

export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    if (value.trim() === '') return 'empty text';
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${String(value)} (a ${typeof value})`;
  if (Array.isArray(value)) return 'a list';
  return 'a group of fields';
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

// Words editors reach for by habit, mapped to the field this format calls them.
const ALIASES: Record<string, string> = {
  title: 'headline',
  heading: 'headline',
  summary: 'standfirst',
  description: 'standfirst',
  excerpt: 'standfirst',
  subtitle: 'standfirst',
  author: 'authors',
  byline: 'authors',
  tag: 'tags',
  category: 'section',
  date: 'publishedAt',
  published: 'publishedAt',
  published_at: 'publishedAt',
  publishdate: 'publishedAt',
  state: 'status',
  url: 'slug',
  permalink: 'slug',
  correction: 'corrections',
  updates: 'corrections',
  leadimage: 'image',
  picture: 'image',
  photo: 'image',
  alttext: 'alt',
  path: 'src',
  file: 'src',
  photographer: 'credit',
  type: 'kind',
};

/** The known field an unknown one was most likely meant to be, or undefined when none is close. */
export function suggestField(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const alias = ALIASES[lower] ?? ALIASES[lower.replace(/[-\s]/g, '')];
  if (alias && known.includes(alias)) return alias;
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(lower, field.toLowerCase());
    if (!best || distance < best.distance) best = { field, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(unknown.length / 3)) ? best.field : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
