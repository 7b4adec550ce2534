// Loads the content folder (docs/editing.md) into the database: `npm run db:seed` or `prisma db seed`.
//   --content <dir>  read another content folder (default: CONTENT_DIR, else prisma/content)
//   --check          validate and show what would change, write nothing
//   --stats          also print the run time, CPU time and the process's peak memory
import '../scripts/lib/load-env';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, loadLintConfig } from '../lib/content/lint/config';
import { formatLintResult } from '../lib/content/lint/lint';
import { formatProblems, formatSummary, createProgress } from '../lib/content/report';
import { seedContent } from '../lib/content/seed';
import { createPrismaClient, describeDatabaseProblem } from '../lib/db';
import { env } from '../lib/env';
import { forgetPrismaDebugHistory } from '../scripts/lib/prisma-debug-history';

// The seed keeps little for long (a summary per file) but makes much short-lived garbage (each
// file read, parsed and rendered; a changed one read twice). Left alone, V8 lets its young generation grow to 32 MB
// a half and its heap to several times what is live before collecting. A slower-growing heap (set
// here) and a small young generation (--max-semi-space-size=2, which must be set before the heap
// exists: `npm run db:seed`, `npm start` and `prisma db seed` pass it to node) keep the peak near what is live.
// --optimize-for-size, used before, did the same but cost 60-80% more CPU (40,000 unchanged
// articles: 9.3 s against 5.9 s of CPU, 223 against 244 MB).
v8.setFlagsFromString('--heap-growing-percent=30');
// Prisma's query compiler is a large WebAssembly module. V8 first compiles it quickly (Liftoff),
// then again optimised in the background: that second copy costs about 45 MB and a core for a
// second or two, for code the seed calls a few hundred times. Liftoff alone is enough here.
v8.setFlagsFromString('--liftoff-only');

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    check: { type: 'boolean', default: false },
    stats: { type: 'boolean', default: false },
  },
});

const started = performance.now();
const contentDir = values.content ?? env.CONTENT_DIR;
// The newsroom's lint (content-lint.json) runs in the seed's own pass over the files, on the files
// that changed: its errors block the seed, --check included; warnings are shown and the seed goes on.
const lintConfig = await loadLintConfig(CONFIG_FILE);
const prisma = createPrismaClient(env.DATABASE_URL);
try {
  const result = await seedContent({
    prisma,
    contentDir,
    publicDir: fileURLToPath(new URL('../public', import.meta.url)),
    timeZone: env.SITE_TIMEZONE,
    checkOnly: values.check,
    progress: createProgress(process.stderr),
    lint: { config: lintConfig },
    afterChunk: forgetPrismaDebugHistory,
  });
  const { lint } = result;
  if (!result.ok) {
    if (result.problems.length) console.error(formatProblems(result.problems));
    if (lint && lint.errors > 0) {
      console.error(formatLintResult(lint).join('\n'));
      console.error('The content lint found errors; nothing was written to the database.');
    }
    process.exitCode = 1;
  } else {
    if (lint && lint.warnings > 0) console.log(formatLintResult(lint).join('\n'));
    for (const line of formatSummary(result.plan, result.counts)) console.log(line);
    if (values.check) {
      console.log('Checked only (--check): nothing was written.');
    } else if (result.changed) {
      // Running sites see the change themselves: they watch the content version this transaction
      // bumped (server/content-watch.ts), so the seed needs no address to call.
      console.log('Saved. Running sites show the change within a few seconds.');
    }
  }
} catch (error) {
  // Every write happens in one transaction, so a failure part-way leaves the database as it was.
  const detail =
    describeDatabaseProblem(error, env.DATABASE_URL) ?? (error instanceof Error ? error.message.trim() : String(error));
  console.error(`The seed failed and nothing was written: ${detail}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
if (values.stats) {
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  console.log(
    `Stats: ${seconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s, peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MB`,
  );
}
