import { dialectOf } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { Tx } from './types';

// New articles, many rows per statement, as raw SQL. Prisma's createManyAndReturn spent about 4 ms
// of the main thread per article on turning each row's 25 values into its query plan; the seed's
// main thread only writes (workers check and render), so that cost capped a first import at a few
// hundred articles a second. One INSERT … RETURNING per chunk costs a fraction of it.

/** An Article row as the seed inserts it: every column but the id. */
export interface ArticleRow {
  key: string;
  slug: string;
  headline: string;
  standfirst: string | null;
  body: string;
  bodyHtml: string;
  bodyText: string;
  wordCount: number;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: Date | null;
  publishedDateOnly: boolean;
  updatedAt: Date;
  createdAt: Date;
  contentHash: string;
  sourceHash: string;
  sourcePath: string;
  sectionId: number;
  imageSrc: string | null;
  imageAlt: string | null;
  imageCaption: string | null;
  imageCredit: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  minorChange: boolean;
}

const COLUMNS = [
  'key',
  'slug',
  'headline',
  'standfirst',
  'body',
  'bodyHtml',
  'bodyText',
  'wordCount',
  'status',
  'publishedAt',
  'publishedDateOnly',
  'updatedAt',
  'createdAt',
  'contentHash',
  'sourceHash',
  'sourcePath',
  'sectionId',
  'imageSrc',
  'imageAlt',
  'imageCaption',
  'imageCredit',
  'imageWidth',
  'imageHeight',
  'minorChange',
] as const satisfies readonly (keyof ArticleRow)[];

const COLUMN_LIST = Prisma.raw(COLUMNS.map((column) => `"${column}"`).join(', '));

/**
 * Inserts the rows and returns each one's new id by key. Values are stored exactly as Prisma's own
 * writes store them, so every reader sees the same thing: on SQLite a DateTime is milliseconds since
 * the epoch and a Boolean 0 or 1 (the adapter's encoding); PostgreSQL takes typed values, the status
 * cast to its enum.
 */
export async function insertArticles(tx: Tx, rows: ArticleRow[]): Promise<{ id: number; key: string }[]> {
  if (rows.length === 0) return [];
  const postgres = dialectOf(tx) === 'postgresql';
  const date = (value: Date | null) => (value === null ? null : postgres ? value : value.getTime());
  const flag = (value: boolean) => (postgres ? value : value ? 1 : 0);
  const status = (value: string) => (postgres ? Prisma.sql`CAST(${value} AS "ArticleStatus")` : Prisma.sql`${value}`);
  const values = rows.map(
    (row) =>
      Prisma.sql`(${Prisma.join(
        COLUMNS.map((column) => {
          const value = row[column];
          if (column === 'status') return status(row.status);
          if (value instanceof Date || (value === null && isDateColumn(column))) return date(value as Date | null);
          if (typeof value === 'boolean') return flag(value);
          return value;
        }),
      )})`,
  );
  const inserted = await tx.$queryRaw<{ id: number | bigint; key: string }[]>`
    INSERT INTO "Article" (${COLUMN_LIST}) VALUES ${Prisma.join(values)} RETURNING "id", "key"`;
  return inserted.map((row) => ({ id: Number(row.id), key: row.key }));
}

function isDateColumn(column: string): boolean {
  return column === 'publishedAt' || column === 'updatedAt' || column === 'createdAt';
}
