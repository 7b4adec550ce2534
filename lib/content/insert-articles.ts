import { dialectOf } from '../db';
import type { Tx } from './types';

// New articles, many rows per statement, as raw SQL. Prisma's createManyAndReturn spent about 4 ms
// per article on turning each row's 25 values into its query plan, which capped a first import at
// a few hundred articles a second. One INSERT … RETURNING per chunk costs a fraction of it.

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

const COLUMN_LIST = COLUMNS.map((column) => `"${column}"`).join(', ');

/**
 * Inserts the rows and returns each one's new id by key. Values are stored exactly as Prisma's own
 * writes store them, so every reader sees the same thing: on SQLite a DateTime is milliseconds since
 * the epoch and a Boolean 0 or 1 (the adapter's encoding); PostgreSQL takes typed values, the status
 * cast to its enum.
 *
 * The statement is plain text with a placeholder per value and the values passed beside it (bound,
 * never spliced into the SQL): building it from Prisma.sql fragments, one a value, cost more than the
 * insert itself in a large import, and made garbage for every value.
 */
export async function insertArticles(tx: Tx, rows: ArticleRow[]): Promise<{ id: number; key: string }[]> {
  if (rows.length === 0) return [];
  const postgres = dialectOf(tx) === 'postgresql';
  const values: unknown[] = [];
  for (const row of rows) {
    for (const column of COLUMNS) {
      const value = row[column];
      if (value instanceof Date) values.push(postgres ? value : value.getTime());
      else if (typeof value === 'boolean') values.push(postgres ? value : value ? 1 : 0);
      else values.push(value);
    }
  }
  const sql = `INSERT INTO "Article" (${COLUMN_LIST}) VALUES ${placeholders(rows.length, postgres)} RETURNING "id", "key"`;
  const inserted = await tx.$queryRawUnsafe<{ id: number | bigint; key: string }[]>(sql, ...values);
  return inserted.map((row) => ({ id: Number(row.id), key: row.key }));
}

/** `(?, ?, …), (?, …)` on SQLite, `($1, $2, …), ($25, …)` on PostgreSQL, the status cast to its enum there. */
function placeholders(rowCount: number, postgres: boolean): string {
  let n = 0;
  const tuple = () =>
    `(${COLUMNS.map((column) => {
      if (!postgres) return '?';
      const param = `$${++n}`;
      return column === 'status' ? `CAST(${param} AS "ArticleStatus")` : param;
    }).join(', ')})`;
  return Array.from({ length: rowCount }, tuple).join(', ');
}
