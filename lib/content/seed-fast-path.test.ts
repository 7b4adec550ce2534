import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { articleFile, type ContentFolder, createContentFolder } from '../../tests/support/content-folder';
import { DEFAULT_CONFIG, type LintConfig } from './lint/config';
import { formatProblem, formatSummary } from './report';
import { seedContent, type SeedResult } from './seed';

// The re-run's fast path: a file whose bytes are those stored is neither parsed nor linted. These
// cases check that whatever did change is still read, checked and linted, across files too.

const NOW = new Date('2025-08-01T12:00:00Z');

let db: TestDatabase;
let folder: ContentFolder;

function seed(options: { config?: LintConfig } = {}): Promise<SeedResult> {
  return seedContent({
    prisma: db.prisma,
    contentDir: folder.dir,
    publicDir: folder.publicDir,
    timeZone: 'Europe/London',
    now: NOW,
    lint: { config: options.config ?? DEFAULT_CONFIG },
  });
}

function summary(result: SeedResult): string {
  if (!result.ok) throw new Error(`seed failed: ${JSON.stringify([result.problems, result.lint?.findings])}`);
  return formatSummary(result.plan, result.counts).join('\n');
}

function lintMessages(result: SeedResult): string[] {
  return (result.lint?.findings ?? []).map((finding) => `${finding.file} ${finding.severity} ${finding.rule}`);
}

beforeEach(async () => {
  db = await createTestDatabase();
  folder = createContentFolder({
    'putin-call': articleFile({ slug: 'putin-call', headline: 'Putin call', standfirst: 'One line.' }),
    'budget-vote': articleFile(
      { slug: 'budget-vote', headline: 'Budget vote', standfirst: 'One line.' },
      'See [the call with Putin](/articles/putin-call) for the background.',
    ),
  });
  expect(summary(await seed())).toContain('2 created');
});

afterEach(async () => {
  await db.dispose();
  folder.dispose();
});

describe('the unchanged fast path', () => {
  it('an unchanged re-run reads nothing but hashes, and an edited file is imported again', async () => {
    expect(summary(await seed())).toContain('0 created, 0 updated, 2 unchanged');
    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'putin-call', headline: 'Putin call, edited', standfirst: 'One line.' }),
    );
    expect(summary(await seed())).toContain('0 created, 1 updated, 1 unchanged');
    const stored = await db.prisma.article.findUniqueOrThrow({ where: { key: 'putin-call' } });
    expect(stored.headline).toBe('Putin call, edited');
  });

  it('a new file taking an unchanged article’s slug is refused, both files named, the line found', async () => {
    folder.write('articles/putin-call-copy.md', articleFile({ slug: 'putin-call', headline: 'Another call' }));
    const result = await seed();
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map(formatProblem).join('\n');
    expect(problems).toMatch(/putin-call\.md:2.*slug/);
    expect(problems).toMatch(/putin-call-copy\.md:\d+.*slug/);
    expect(await db.prisma.article.count()).toBe(2);
  });

  it('a lint error in a changed file blocks the seed; nothing is written', async () => {
    folder.write(
      'articles/budget-vote.md',
      articleFile({ slug: 'budget-vote', headline: 'Budget vote', standfirst: 'One line.' }, 'Read [here](/x).'),
    );
    const result = await seed();
    expect(result.ok).toBe(false);
    expect(lintMessages(result)).toEqual([expect.stringMatching(/budget-vote\.md error link-text/)]);
    const stored = await db.prisma.article.findUniqueOrThrow({ where: { key: 'budget-vote' } });
    expect(stored.body).toContain('the call with Putin');
  });

  it('an unchanged file linking to an article that stops being public is linted again, and refused', async () => {
    folder.write(
      'articles/putin-call.md',
      articleFile({ slug: 'putin-call', headline: 'Putin call', standfirst: 'One line.', status: 'draft' }),
    );
    const result = await seed();
    expect(result.ok).toBe(false);
    expect(lintMessages(result)).toEqual([expect.stringMatching(/budget-vote\.md error article-link/)]);
  });

  it('an unchanged file still takes part in the duplicate-headline rule', async () => {
    folder.write('articles/other-vote.md', articleFile({ slug: 'other-vote', headline: 'BUDGET  vote' }));
    const result = await seed();
    expect(lintMessages(result)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/budget-vote\.md warning duplicate-headline/),
        expect.stringMatching(/other-vote\.md warning duplicate-headline/),
      ]),
    );
  });

  it('other lint rules make every file count as changed once, then unchanged again', async () => {
    const stricter: LintConfig = {
      ...DEFAULT_CONFIG,
      rules: { ...DEFAULT_CONFIG.rules, 'headline-too-long': { severity: 'error', max: 5 } },
    };
    const result = await seed({ config: stricter });
    expect(result.ok).toBe(false);
    expect(lintMessages(result).filter((line) => line.includes('headline-too-long'))).toHaveLength(2);
    const relaxed: LintConfig = {
      ...DEFAULT_CONFIG,
      rules: { ...DEFAULT_CONFIG.rules, 'standfirst-missing': { severity: 'off' } },
    };
    expect(summary(await seed({ config: relaxed }))).toContain('0 created, 0 updated, 2 unchanged');
    expect(summary(await seed({ config: relaxed }))).toContain('0 created, 0 updated, 2 unchanged');
  });
});
