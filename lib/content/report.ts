import type { Plan, WriteCounts } from './types';
import type { Problem } from './problems';

export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field ? ` ${problem.field}:` : '';
  const found = problem.found ? ` found ${problem.found};` : '';
  return `${where}${field}${found} expected ${problem.expected}`;
}

export function formatProblems(problems: Problem[]): string {
  const files = new Set(problems.map((problem) => problem.file)).size;
  const heading = `${count(problems.length, 'problem')} in ${count(files, 'file')}; nothing was written to the database:`;
  return [heading, ...problems.map((problem) => `  ${formatProblem(problem)}`)].join('\n');
}

export function formatSummary(plan: Plan, counts: WriteCounts | undefined): string[] {
  const lines = [
    `Articles: ${plan.creates.length + plan.written} created, ${plan.updates.length} updated, ${plan.unchanged} unchanged`,
  ];
  if (plan.unpublish.length) {
    const keys = plan.unpublish.map((article) => article.key);
    const shown = keys.slice(0, 10).join(', ') + (keys.length > 10 ? `, and ${keys.length - 10} more` : '');
    lines.push(
      `Unpublished ${count(plan.unpublish.length, 'article')} whose file is gone (kept, hidden from readers): ${shown}`,
    );
  }
  for (const redirect of plan.redirects) lines.push(`Redirect: /${redirect.fromSlug} now leads to /${redirect.toSlug}`);
  if (counts) {
    const parts = [
      changes('sections', counts.sections),
      changes('authors', counts.authors),
      counts.tags.created ? `tags ${counts.tags.created} created` : '',
    ].filter(Boolean);
    if (parts.length) lines.push(`Also: ${parts.join('; ')}`);
  }
  return lines;
}

function changes(what: string, { created, updated }: { created: number; updated: number }): string {
  return created || updated ? `${what} ${created} created, ${updated} updated` : '';
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}

export interface Progress {
  update(phase: string, done: number, total: number): void;
  done(): void;
}

/**
 * A one-line progress meter (counts, rate, time left) redrawn in place on a terminal, at most ten
 * times a second. Silent when the output is a file or a CI log, where redrawn lines are noise.
 */
export function createProgress(
  stream: NodeJS.WriteStream,
  env: Record<string, string | undefined> = process.env,
): Progress {
  if (!stream.isTTY || env.CI) return { update() {}, done() {} };
  let phase = '';
  let started = 0;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(nextPhase, done, total) {
      const now = performance.now();
      if (nextPhase !== phase) {
        phase = nextPhase;
        started = now;
      }
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
      const line =
        `${phase} ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}` +
        (rate > 0 ? ` · ${Math.round(rate).toLocaleString('en-GB')}/s` : '') +
        (left !== undefined ? ` · ${left} s left` : '');
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
