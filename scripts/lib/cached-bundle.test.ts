import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/support/database';
import { cachedBundle } from './cached-bundle.mjs';

const run = promisify(execFile);
const moduleUrl = new URL('./cached-bundle.mjs', import.meta.url).href;

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'news-bundle-'));
  mkdirSync(path.join(root, 'src', 'data'), { recursive: true });
  // An entry that reads a file next to one of its modules by import.meta.url, as the seed does.
  writeFileSync(
    path.join(root, 'src', 'entry.ts'),
    `import { greeting } from './data/greeting';\nconsole.log(greeting());\n`,
  );
  writeGreeting('hello');
  writeFileSync(path.join(root, 'src', 'data', 'name.txt'), 'world');
  // A process that builds (or reuses) the bundle, then runs it: what scripts/seed.mjs does.
  writeFileSync(
    path.join(root, 'run.mjs'),
    `import { pathToFileURL } from 'node:url';\nimport { cachedBundle } from ${JSON.stringify(moduleUrl)};\n` +
      `const { file } = await cachedBundle('src/entry.ts', 'out/cache/entry.mjs', { root: ${JSON.stringify(root)} });\n` +
      `await import(pathToFileURL(file).href);\n`,
  );
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeGreeting(word: string): void {
  writeFileSync(
    path.join(root, 'src', 'data', 'greeting.ts'),
    `import { readFileSync } from 'node:fs';\n` +
      `export function greeting(): string {\n` +
      `  const name: string = readFileSync(new URL('./name.txt', import.meta.url), 'utf8');\n` +
      `  return \`${word} \${name}\`;\n}\n`,
  );
}

const bundle = () => cachedBundle('src/entry.ts', 'out/cache/entry.mjs', { root });
const runBundle = async () => (await run(process.execPath, [path.join(root, 'run.mjs')])).stdout.trim();

describe('cachedBundle', () => {
  it('builds once, runs with plain Node, keeps each module its own import.meta.url', async () => {
    expect((await bundle()).built).toBe(true);
    expect((await bundle()).built).toBe(false);
    expect(await runBundle()).toBe('hello world');
    // A moved checkout: the bundle names its sources relative to itself.
    const moved = `${root}-moved`;
    await run('mv', [root, moved]);
    try {
      const output = await run(process.execPath, [path.join(moved, 'out', 'cache', 'entry.mjs')]);
      expect(output.stdout.trim()).toBe('hello world');
    } finally {
      await run('mv', [moved, root]);
    }
  });

  it('rebuilds when any source changes, and only then', async () => {
    await bundle();
    writeGreeting('goodbye');
    expect((await bundle()).built).toBe(true);
    expect(await runBundle()).toBe('goodbye world');
    expect((await bundle()).built).toBe(false);
    // A file it no longer has: rebuilt, and the build's own error when the entry cannot build.
    rmSync(path.join(root, 'src', 'data', 'greeting.ts'));
    await expect(bundle()).rejects.toThrow(/Could not resolve "\.\/data\/greeting"/);
  });

  it("imports a package's subpath as Node's ES module resolver finds it", async () => {
    // A package without an "exports" map, as Next is: Node finds `plain/words` only as `plain/words.js`.
    const pkg = path.join(root, 'node_modules', 'plain');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), '{ "name": "plain", "version": "1.0.0" }');
    writeFileSync(path.join(pkg, 'words.js'), "exports.word = 'plainly';\n");
    writeFileSync(path.join(root, 'src', 'entry.ts'), `import { word } from 'plain/words';\nconsole.log(word);\n`);
    expect(await runBundle()).toBe('plainly');
  });

  it('maps stack traces to the TypeScript sources when source maps are on', async () => {
    writeFileSync(
      path.join(root, 'src', 'entry.ts'),
      `import { greeting } from './data/greeting';\n\nconst shout = (text: string): never => {\n` +
        `  throw new Error(text.toUpperCase());\n};\nshout(greeting());\n`,
    );
    const { file } = await bundle();
    const failed = await run(process.execPath, ['--enable-source-maps', file]).catch(
      (error: { stderr: string }) => error,
    );
    expect('stderr' in failed ? failed.stderr : '').toMatch(/HELLO WORLD[\s\S]*src\/entry\.ts:4:9/);
  });

  it('processes that build at the same time each run a whole bundle and leave no temporary file', async () => {
    const outputs = await Promise.all(Array.from({ length: 4 }, runBundle));
    expect(outputs).toEqual(Array(4).fill('hello world'));
    expect(readdirSync(path.join(root, 'out', 'cache')).sort()).toEqual(['entry.mjs', 'entry.mjs.map']);
  });

  it("gives Prisma's client its query compiler from a file, and a real query runs", async () => {
    // In this repository, for its node_modules and generated client; the bundle's own folder.
    const repository = fileURLToPath(new URL('../..', import.meta.url));
    mkdirSync(path.join(repository, '.tmp'), { recursive: true });
    const dir = mkdtempSync(path.join(repository, '.tmp', 'bundle-prisma-'));
    const database = await createTestDatabase();
    try {
      const relative = path.relative(repository, dir);
      writeFileSync(
        path.join(dir, 'entry.ts'),
        `import { createPrismaClient } from '../../lib/db';\n` +
          `const prisma = createPrismaClient(process.argv[2]);\n` +
          `console.log(await prisma.section.count({ where: { slug: { not: '' } } }));\n` +
          `await prisma.$disconnect();\n`,
      );
      const build = () => cachedBundle(`${relative}/entry.ts`, `${relative}/out/entry.mjs`, { root: repository });
      const { file } = await build();
      const wasm = path.join(dir, 'out', 'query_compiler_fast_bg.sqlite.wasm');
      // The bytes are a file of WebAssembly ("\0asm"), not text inside the bundle.
      expect(readFileSync(wasm).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
      expect(statSync(file).size).toBeLessThan(1_000_000);
      expect(readFileSync(file, 'utf8')).not.toMatch(/[A-Za-z0-9+/]{100000}/);
      const sections = await database.prisma.section.count();
      const output = await run(process.execPath, [file, database.url]);
      expect(output.stdout.trim()).toBe(String(sections));
      // A bundle whose file is gone is built again, file included.
      rmSync(wasm);
      expect((await build()).built).toBe(true);
      expect(existsSync(wasm)).toBe(true);
    } finally {
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
