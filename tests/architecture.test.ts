import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph, sourceFiles } from './support/import-graph';

// The house rules that keep the code base navigable, checked on every test run:
// - no import cycles in the site, its server or its scripts (a cycle means two modules cannot be
//   understood, tested or moved apart; types belong to the module that owns the data);
// - the site's own code (lib/, app/, and Next's root files) never imports the scripts or test
//   support: the site must build and run without them.

const root = fileURLToPath(new URL('../', import.meta.url));
const relative = (file: string) => path.relative(root, file);
const generated = (file: string) => file.startsWith(path.join('lib', 'generated'));

const graph = importGraph(
  root,
  sourceFiles(root, ['lib', 'app', 'scripts', 'server', 'prisma', 'tests', 'e2e'], generated),
);
const SITE = [/^lib\//, /^app\//, /^(?:proxy|instrumentation)\.ts$/];
const OFF_LIMITS = [/^scripts\//, /^tests\//, /^e2e\//];
const isTest = (file: string) => /\.(?:test|spec)\.tsx?$/.test(file);

describe('the import graph', () => {
  it('reads the project (a check that sees nothing would pass anything)', () => {
    const lib = [...graph.keys()].map(relative).filter((file) => file.startsWith('lib/'));
    expect(lib.length).toBeGreaterThan(20);
    expect(graph.get(path.join(root, 'lib/site/feeds.ts'))?.map(relative)).toContain('lib/site/paths.ts');
  });

  it('has no import cycles in lib/, app/, scripts/, server/ or anywhere tests reach', () => {
    expect(importCycles(graph).map((cycle) => cycle.map(relative))).toEqual([]);
  });

  it('keeps lib/ and app/ free of imports from scripts/ and test support', () => {
    const crossings: string[] = [];
    for (const [file, targets] of graph) {
      const from = relative(file);
      if (isTest(from) || !SITE.some((rule) => rule.test(from))) continue;
      for (const target of targets.map(relative)) {
        if (OFF_LIMITS.some((rule) => rule.test(target))) crossings.push(`${from} → ${target}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});

describe('the checker itself', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a cycle through type-only imports and re-exports, and none in a chain', () => {
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } }),
    );
    writeFileSync(path.join(dir, 'src/a.ts'), "import type { B } from './b';\nexport type A = B[];\n");
    writeFileSync(path.join(dir, 'src/b.ts'), "export * from './c';\nexport type B = string;\n");
    writeFileSync(
      path.join(dir, 'src/c.ts'),
      "export { a } from './d';\nimport type { A } from './a';\nexport type C = A;\n",
    );
    writeFileSync(path.join(dir, 'src/d.ts'), 'export const a = 1;\n');
    const files = sourceFiles(dir, ['src'], () => false);
    const cycles = importCycles(importGraph(dir, files)).map((cycle) => cycle.map((file) => path.basename(file)));
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
