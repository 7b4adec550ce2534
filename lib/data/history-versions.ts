import { diffWords } from 'diff';
import { renderMarkdown } from '../content/markdown';
import type { CorrectionKind } from './types';

// Pure: turns an article's stored versions (its revisions, oldest first, then the current row) into
// the versions readers saw and what changed between them. The data layer (history.ts) reads the
// rows; tests call this with rows of their own.

/** One version as the seed stored it: a Revision's snapshot, or the article row itself. */
export interface StoredVersion {
  headline: string;
  standfirst: string | null;
  body: string;
  status: 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';
  publishedAt: Date | null;
  authors: string[];
  image: { src: string; alt: string | null; caption: string | null; credit: string | null } | null;
  corrections: { date: Date; kind: CorrectionKind; text: string }[];
  minorChange: boolean;
  /** When this version became current (the article's creation, or the previous version's end). */
  from: Date;
  /** When it stopped being current; null for the current version. */
  until: Date | null;
}

/** A piece of a word diff: unchanged, added or removed text. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface HistoryCorrection {
  /** The correction's place in the article's list: its identity, since editors only add at the end. */
  position: number;
  date: string;
  kind: CorrectionKind;
  text: string;
}

export interface VersionChanges {
  headline: DiffPart[] | null;
  standfirst: DiffPart[] | null;
  /** The body's paragraphs, each a word diff; null when the wording did not change. */
  body: DiffPart[][] | null;
  /** The lead image and byline changes, in words. */
  notes: string[];
}

export interface PublicVersion {
  /** 1 for the first version readers saw. */
  number: number;
  /** When readers first saw this version. */
  publicAt: string;
  minor: boolean;
  headline: string;
  /** What changed since the previous public version; null for the first. */
  changes: VersionChanges | null;
  /** Corrections this version added or reworded (for the first, every one it carries). */
  corrections: HistoryCorrection[];
}

/** Whether readers could see a version at some moment of its life, and from when. */
export function publicFrom(version: StoredVersion, now: Date): Date | null {
  if (version.status !== 'PUBLISHED' || !version.publishedAt) return null;
  const end = version.until ?? now;
  if (version.publishedAt > end) return null;
  return version.publishedAt > version.from ? version.publishedAt : version.from;
}

/**
 * The versions readers saw, newest first. Drafts and versions replaced before their publication
 * time never appear; the first public version is dated by its publication time, each later one by
 * the moment it went live.
 */
export function publicVersions(
  stored: StoredVersion[],
  now: Date,
  authorNames: Map<string, string>,
): PublicVersion[] {
  const seen = stored.flatMap((version) => {
    const at = publicFrom(version, now);
    return at ? [{ version, at }] : [];
  });
  const out: PublicVersion[] = seen.map(({ version, at }, index) => {
    const previous = seen[index - 1]?.version;
    return {
      number: index + 1,
      publicAt: (index === 0 && version.publishedAt ? version.publishedAt : at).toISOString(),
      minor: index > 0 && version.minorChange,
      headline: version.headline,
      changes: previous ? compareVersions(previous, version, authorNames) : null,
      corrections: newCorrections(previous?.corrections ?? [], version.corrections),
    };
  });
  return out.reverse();
}

export function compareVersions(
  before: StoredVersion,
  after: StoredVersion,
  authorNames: Map<string, string>,
): VersionChanges {
  return {
    headline: before.headline === after.headline ? null : wordDiff(before.headline, after.headline),
    standfirst:
      (before.standfirst ?? '') === (after.standfirst ?? '')
        ? null
        : wordDiff(before.standfirst ?? '', after.standfirst ?? ''),
    body: bodyDiff(before.body, after.body),
    notes: [...imageNotes(before.image, after.image), ...bylineNotes(before.authors, after.authors, authorNames)],
  };
}

function newCorrections(
  before: StoredVersion['corrections'],
  after: StoredVersion['corrections'],
): HistoryCorrection[] {
  return after.flatMap((correction, position) => {
    const old = before[position];
    if (old && old.text === correction.text && old.kind === correction.kind) return [];
    return [{ position, date: correction.date.toISOString(), kind: correction.kind, text: correction.text }];
  });
}

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}

/**
 * The body as readers read it (the rendered text, not the Markdown), diffed word by word and cut
 * back into paragraphs, so a changed sentence shows inside its own paragraph.
 */
export function bodyDiff(before: string, after: string): DiffPart[][] | null {
  if (before === after) return null;
  const parts = wordDiff(renderMarkdown(before).text, renderMarkdown(after).text);
  if (parts.every((part) => part.change === 'same')) return null;
  const paragraphs: DiffPart[][] = [[]];
  for (const part of parts) {
    part.text.split(/\n\n+/).forEach((piece, index) => {
      if (index > 0) paragraphs.push([]);
      if (piece) paragraphs[paragraphs.length - 1]?.push({ text: piece, change: part.change });
    });
  }
  return paragraphs.filter((paragraph) => paragraph.some((part) => part.text.trim() !== ''));
}

type Image = StoredVersion['image'];

function imageNotes(before: Image, after: Image): string[] {
  if (!before && !after) return [];
  if (!before && after) return [`A lead image was added: ${describeImage(after)}.`];
  if (before && !after) return [`The lead image (${describeImage(before)}) was removed.`];
  if (!before || !after) return [];
  if (before.src !== after.src) return [`The lead image was replaced: it now shows ${describeImage(after)}.`];
  const changed = (['alt', 'caption', 'credit'] as const).filter((field) => before[field] !== after[field]);
  const words = { alt: 'description', caption: 'caption', credit: 'credit' };
  return changed.map((field) =>
    after[field]
      ? `The lead image's ${words[field]} changed to "${after[field]}".`
      : `The lead image's ${words[field]} was removed.`,
  );
}

function describeImage(image: NonNullable<Image>): string {
  return image.alt ? `"${image.alt}"` : image.src;
}

function bylineNotes(before: string[], after: string[], names: Map<string, string>): string[] {
  if (before.join('\n') === after.join('\n')) return [];
  const list = (slugs: string[]) => slugs.map((slug) => names.get(slug) ?? slug).join(', ');
  if (before.length === 0) return [`A byline was added: ${list(after)}.`];
  if (after.length === 0) return [`The byline (${list(before)}) was removed.`];
  return [`The byline changed from ${list(before)} to ${list(after)}.`];
}
