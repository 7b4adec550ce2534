import { z } from 'zod';
import { DATE_EXPECTED, parseEditorDate } from './dates';
import { isSlug, SLUG_MAX_LENGTH } from './slug';

// The shapes of the content files (docs/editing.md). Each schema's messages are written as "what
// was expected", because the validator pairs them with what the file actually holds.

const SLUG_EXPECTED = `a slug: lowercase letters, digits and single hyphens, at most ${SLUG_MAX_LENGTH} characters (e.g. "putin-call-no-progress")`;

const requiredText = (what: string) => z.string({ error: what }).trim().min(1, what);

const optionalText = (what: string) =>
  z
    .string({ error: what })
    .trim()
    .nullish()
    .transform((value) => value || undefined);

const slug = (what = SLUG_EXPECTED) => z.string({ error: what }).refine(isSlug, what);

const list = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: what })
    .nullish()
    .transform((value) => value ?? []);

const editorDate = (timeZone: string) =>
  z.string({ error: DATE_EXPECTED }).transform((text, ctx) => {
    const date = parseEditorDate(text, timeZone);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: DATE_EXPECTED, input: text });
      return z.NEVER;
    }
    return date;
  });

export const imageSchema = z.strictObject(
  {
    src: requiredText('an image: a file in public/ such as /images/photo.jpg, or an https:// URL').refine(
      (src) => /^https:\/\/[^\s]+$/.test(src) || (src.startsWith('/') && !src.split('/').includes('..')),
      'an image: a file in public/ such as /images/photo.jpg, or an https:// URL',
    ),
    alt: requiredText('alt text describing the image for readers who cannot see it'),
    caption: optionalText('a caption (text)'),
    credit: optionalText('a credit (text), e.g. "Photo: Jane Doe/Agency"'),
    width: z.number({ error: 'the width in pixels (a whole number)' }).int().positive().optional(),
    height: z.number({ error: 'the height in pixels (a whole number)' }).int().positive().optional(),
  },
  { error: 'a group of image fields: src, alt, caption, credit' },
);

export const CORRECTION_KINDS = ['correction', 'update', 'clarification'] as const;

const correctionSchema = (timeZone: string) =>
  z.strictObject(
    {
      date: editorDate(timeZone),
      kind: z.enum(CORRECTION_KINDS, { error: `one of ${CORRECTION_KINDS.join(', ')}` }),
      text: requiredText('the text of the correction shown to readers'),
    },
    { error: 'a correction: date, kind and text' },
  );

export const STATUSES = ['draft', 'published'] as const;

export const articleSchema = (timeZone: string) =>
  z.strictObject(
    {
      slug: slug(),
      headline: requiredText('a headline (text)'),
      standfirst: optionalText('a standfirst (text)'),
      section: slug('the slug of a section listed in sections.yaml, e.g. "world"'),
      authors: list(z.string({ error: 'an author slug from authors.yaml' }), 'a list of author slugs, e.g. [jane-doe]'),
      tags: list(requiredText('a tag (text)'), 'a list of tags, e.g. [Ukraine, Diplomacy]'),
      status: z.enum(STATUSES, { error: 'draft or published' }),
      publishedAt: editorDate(timeZone).nullish(),
      image: imageSchema.nullish(),
      corrections: list(correctionSchema(timeZone), 'a list of corrections, each with date, kind and text'),
    },
    { error: 'front matter fields such as "headline: ..." between the two --- lines' },
  );

export type ArticleFrontMatter = z.output<ReturnType<typeof articleSchema>>;

export const sectionsSchema = z.array(
  z.strictObject(
    {
      slug: slug(),
      name: requiredText('the section name shown to readers (text)'),
      description: optionalText('a description (text)'),
    },
    { error: 'a section: slug, name and optional description' },
  ),
  { error: 'a list of sections, each starting with "- slug: ..."' },
);

export const authorsSchema = z.array(
  z.strictObject(
    {
      slug: slug(),
      name: requiredText('the name shown in bylines (text)'),
      role: optionalText('a role (text), e.g. "Diplomatic editor"'),
      bio: optionalText('a short biography (text)'),
    },
    { error: 'an author: slug, name, optional role and bio' },
  ),
  { error: 'a list of authors, each starting with "- slug: ..."' },
);

export type SectionInput = z.output<typeof sectionsSchema>[number];
export type AuthorInput = z.output<typeof authorsSchema>[number];

/** Field names each kind of entry knows, for "did you mean" suggestions on unknown fields. */
export const KNOWN_FIELDS = {
  article: Object.keys(articleSchema('UTC').shape),
  image: Object.keys(imageSchema.shape),
  correction: Object.keys(correctionSchema('UTC').shape),
  section: Object.keys(sectionsSchema.element.shape),
  author: Object.keys(authorsSchema.element.shape),
} as const;
