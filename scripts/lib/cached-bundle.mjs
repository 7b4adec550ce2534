// A TypeScript entry point bundled once by esbuild into one ES module, so that plain Node runs it
// without tsx. tsx costs a process about 46 MB of resident memory (its loader thread and modules: a
// trivial script peaks at 87 MB under `node --import tsx`, 40 MB under plain node, and tsx keeps an
// esbuild service process of ~13 MB beside it), which neither the seed's memory budget nor the
// server's can spare (docs/editing.md, "How the seed handles a large archive"; docs/performance.md,
// "The server without tsx"). Plain JavaScript, not TypeScript: it must run before anything can run
// TypeScript.
//
// The bundle holds this repository's own modules; packages stay in node_modules (imported as
// usual), but for Prisma's query compiler, which becomes a file beside the bundle (prismaWasmFromFile). It is rebuilt when any of its sources changes: its first line lists every source with a
// hash of its bytes, checked in a few milliseconds. Several processes may build at once (tests
// run many seeds): each writes its own temporary file and renames it into place, so a reader only
// ever sees a whole bundle.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const HEADER = '// cached-bundle ';
// Bump when the build options below change: a bundle built with other options is then rebuilt.
const FORMAT = 3;

/**
 * The bundle of `entry` at `outfile`, built or rebuilt when its sources changed; returns its path.
 * @param {string} entry the TypeScript entry point
 * @param {string} outfile where the bundle lives (an .mjs file, in a folder nothing else writes)
 * @param {{ root?: string }} [options] root: the folder source paths are kept relative to (default: the current one)
 * @returns {Promise<{ file: string, built: boolean }>}
 */
export async function cachedBundle(entry, outfile, { root = process.cwd() } = {}) {
  const file = path.resolve(root, outfile);
  if (isFresh(file, root)) return { file, built: false };
  await build(path.resolve(root, entry), file, root);
  return { file, built: true };
}

/** Whether the bundle exists and every source it lists still has the bytes it was built from. */
function isFresh(file, root) {
  const manifest = readManifest(file);
  if (!manifest || manifest.format !== FORMAT) return false;
  const sourcesHold = Object.entries(manifest.sources).every(
    ([source, hash]) => hashOf(path.resolve(root, source)) === hash,
  );
  // Files written beside the bundle (prismaWasmFromFile): a bundle whose files are gone is rebuilt.
  return sourcesHold && manifest.assets.every((asset) => isFile(path.join(path.dirname(file), asset)));
}

/** The manifest on the bundle's first line, or null when there is no (readable) bundle. */
function readManifest(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.toString('utf8', 0, length);
    const end = text.indexOf('\n');
    if (!text.startsWith(HEADER) || end < 0) return null;
    return JSON.parse(text.slice(HEADER.length, end));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function hashOf(file) {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('base64url');
  } catch {
    return null; // deleted or renamed: the bundle is stale
  }
}

async function build(entry, file, root) {
  // Loaded only to build: the usual run, with a fresh bundle, does not pay for it.
  const esbuild = await import('esbuild');
  const outdir = path.dirname(file);
  /** Files the plugins write beside the bundle: name -> bytes. */
  const assets = new Map();
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      write: false,
      metafile: true,
      // Beside the bundle, read only when source maps are on (server/source-maps.ts): stack traces
      // then name the TypeScript sources' lines.
      sourcemap: 'linked',
      outfile: file,
      absWorkingDir: root,
      logLevel: 'silent',
      plugins: [ownImportMetaUrl(outdir), nodeResolvableImports(root), prismaWasmFromFile(assets)],
    });
    const sources = {};
    // Relative to root (esbuild's working directory). Hashed after the build: a file saved during
    // it would be taken as built (an edit in the same second as a seed; the next edit rebuilds).
    for (const source of Object.keys(result.metafile.inputs).sort())
      sources[source] = hashOf(path.resolve(root, source));
    const header = `${HEADER}${JSON.stringify({ format: FORMAT, sources, assets: [...assets.keys()].sort() })}\n`;
    const output = (suffix) => result.outputFiles.find((out) => out.path.endsWith(suffix)).text;
    const map = JSON.parse(output('.mjs.map'));
    // The header is a line the map does not know of: in a map's mappings, each ';' starts a line.
    map.mappings = `;${map.mappings}`;
    mkdirSync(outdir, { recursive: true });
    // The map and the assets first: the bundle's rename is what makes a build visible to readers.
    for (const [name, bytes] of assets) writeWhole(path.join(outdir, name), bytes);
    writeWhole(`${file}.map`, JSON.stringify(map));
    writeWhole(file, header + output('.mjs'));
  } finally {
    await esbuild.stop();
  }
}

/**
 * Writes a file under a temporary name and renames it into place: a reader sees all of it or none.
 * @param {string} file
 * @param {string | Uint8Array} text
 */
function writeWhole(file, text) {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Keeps `import.meta.url` meaning each source file's own address, as it does under tsx, rather
 * than the bundle's: modules find files next to them with it (`new URL('../public', import.meta.url)`).
 * Written relative to the bundle, so a moved checkout still works.
 */
function ownImportMetaUrl(outdir) {
  return {
    name: 'own-import-meta-url',
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        const own = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', own), loader: loaderOf(args.path) };
      });
    },
  };
}

/**
 * Packages stay in node_modules and the bundle imports them as ES modules, and Node's ES module
 * resolver takes a package's subpath exactly as written when the package has no "exports" map:
 * `next/link` is not found (the file is `next/link.js`), where tsx and bundlers add the extension.
 * Such an import gets the extension written out.
 */
function nodeResolvableImports(root) {
  return {
    name: 'node-resolvable-imports',
    setup(builder) {
      builder.onResolve({ filter: /^(?:@[^/]+\/)?[^./][^/:]*\/./ }, (args) => {
        const [, name, subpath] = /^((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(args.path) ?? [];
        if (!name || !subpath || path.extname(subpath)) return undefined;
        const dir = path.join(root, 'node_modules', name);
        let manifest;
        try {
          manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        } catch {
          return undefined; // not installed here: esbuild's own handling (and error) applies
        }
        if (manifest.exports || isFile(path.join(dir, subpath)) || !isFile(path.join(dir, `${subpath}.js`)))
          return undefined;
        return { path: `${args.path}.js`, external: true };
      });
    },
  };
}

/**
 * Prisma's client gets its query compiler, 3.3 MB of WebAssembly, from a module of node_modules
 * that holds it as one base64 string (`const wasm = "…"`): a process that imports it keeps
 * that module's source and the string, about 8.7 MB of heap for as long as it lives, on top of the
 * compiled code (docs/performance.md, "The query compiler's WebAssembly from a file"). Here the
 * bundle gets the bytes as a file beside it instead, decoded once at build time, and a stand-in
 * module that reads the file when Prisma asks; the bytes are garbage once compiled.
 *
 * Prisma's generated client decodes with `Buffer.from(wasm, 'base64')`; a Buffer does not decode
 * anything, so the stand-in's `wasm` is an object whose valueOf() reads the file: Buffer.from takes
 * any object by its valueOf() (Node's documented `Buffer.from(object)`), and copies a Buffer as
 * is. scripts/lib/cached-bundle.test.ts runs a real query through a bundled client.
 *
 * The module of node_modules stays the bundle's source: a Prisma upgrade changes its hash and so
 * rebuilds the bundle and its file.
 * @param {Map<string, Uint8Array>} assets where the decoded bytes go, by file name
 */
function prismaWasmFromFile(assets) {
  const filter = /^@prisma\/client\/runtime\/(query_compiler_\w+_bg\.\w+)\.wasm-base64\.mjs$/;
  return {
    name: 'prisma-wasm-from-file',
    setup(builder) {
      builder.onResolve({ filter }, (args) => {
        // Packages are otherwise external (left to Node): this one is resolved to its file here.
        const file = createRequire(path.join(args.resolveDir, 'index.js')).resolve(args.path);
        return { path: file, pluginData: { wasmName: `${filter.exec(args.path)?.[1]}.wasm` } };
      });
      builder.onLoad({ filter: /\.wasm-base64\.mjs$/ }, (args) => {
        const name = args.pluginData?.wasmName;
        if (!name) return undefined;
        // Read as text, not imported: the server builds its bundle in its own process, which would
        // then keep the module for good.
        const base64 = /^(?:export )?const wasm = "([A-Za-z0-9+/=]+)"/m.exec(readFileSync(args.path, 'utf8'))?.[1];
        if (!base64) throw new Error(`${args.path} no longer holds its WebAssembly as base64 text`);
        assets.set(name, Buffer.from(base64, 'base64'));
        const contents =
          `import { readFileSync } from 'node:fs';\n` +
          `const file = new URL(${JSON.stringify(`./${name}`)}, import.meta.url);\n` +
          `export const wasm = { valueOf: () => readFileSync(file) };\n`;
        return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function loaderOf(file) {
  return file.endsWith('x') ? 'tsx' : 'ts';
}
