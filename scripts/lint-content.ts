// `npm run lint:content`: the newsroom's rules (lib/content/lint) over a content folder.
//   --content <dir>  the folder to check (default: CONTENT_DIR, else prisma/content)
//   --config <file>  the rules (default: content-lint.json)
//   --stats          also print how long it took
// Exits 1 when any finding is an error; warnings are printed and do not fail.
import './lib/load-env';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, loadLintConfig } from '../lib/content/lint/config';
import { formatLintResult, lintContentDir } from '../lib/content/lint/lint';
import { env } from '../lib/env';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    config: { type: 'string' },
    stats: { type: 'boolean', default: false },
  },
});

const started = performance.now();
const dir = values.content ?? env.CONTENT_DIR;
const result = await lintContentDir(dir, {
  config: await loadLintConfig(values.config ?? CONFIG_FILE),
  timeZone: env.SITE_TIMEZONE,
});
if (!result) {
  console.error(`${dir} has no articles/ folder: nothing to lint.`);
  process.exitCode = 1;
} else {
  for (const line of formatLintResult(result)) console.log(line);
  if (result.errors > 0) process.exitCode = 1;
  if (values.stats) console.log(`Stats: ${((performance.now() - started) / 1000).toFixed(2)} s`);
}
