import type { Instrumentation } from 'next';

// Readers get the error page; the operator gets one line saying what is wrong with the database
// when that is the cause (missing file, migrations not applied), next to Next's own error log.
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ describeDatabaseProblem }, { env }] = await Promise.all([import('./lib/db'), import('./lib/env')]);
  const problem = describeDatabaseProblem(error, env.DATABASE_URL);
  if (problem) console.error(`Database problem: ${problem}`);
};
