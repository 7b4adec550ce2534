import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVE_ARGS, SERVER_MALLOC_ENV, SERVER_NODE_FLAGS } from './site-process';

// package.json cannot import these settings, so it repeats them: the bench, Lighthouse, the soak and
// the tests measure the server as `npm start` and `npm run serve` run it only while the copies agree.
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

describe.each(['start', 'serve'])('npm run %s', (name) => {
  const command = scripts[name] ?? '';

  it("starts plain Node (no tsx) with the server's V8 flags", () => {
    const node = /\bexec node (.*) scripts\/(start|serve)\.mjs$/.exec(command);
    expect(node?.[1]?.split(' ')).toEqual(SERVER_NODE_FLAGS);
    if (name === 'serve') expect(`${node?.[1]} scripts/serve.mjs`.split(' ')).toEqual(SERVE_ARGS);
  });

  it("sets glibc malloc's settings, each overridable from the environment", () => {
    for (const [variable, value] of Object.entries(SERVER_MALLOC_ENV)) {
      expect(command).toContain(`${variable}=\${${variable}:-${value}}`);
    }
  });
});
