// A TypeScript entry point bundled once by esbuild into one ES module, so that plain Node runs it
// without tsx. tsx costs a process about 46 MB of resident memory (its loader thread and modules: a
// trivial script peaks at 87 MB under `node --import tsx`, 40 MB under plain node, and tsx keeps an
// esbuild service process of ~13 MB beside it), which neither the seed's memory budget nor the
// server's can spare (docs/editing.md, "How the seed handles a large archive"; docs/performance.md,
// "The server without tsx"). Plain JavaScript, not TypeScript: it must run before anything can run
// TypeScript.
//
// The bundle holds this repository's own modules; packages stay in node_modules (imported as
// usual). It is rebuilt when any of its sources changes: its first line lists every source with a
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
import path from 'node:path';

const HEADER = '// cached-bundle ';
// Bump when the build options below change: a bundle built with other options is then rebuilt.
const FORMAT = 2;

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
  return Object.entries(manifest.sources).every(([source, hash]) => hashOf(path.resolve(root, source)) === hash);
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
      plugins: [ownImportMetaUrl(outdir), nodeResolvableImports(root)],
    });
    const sources = {};
    // Relative to root (esbuild's working directory). Hashed after the build: a file saved during
    // it would be taken as built (an edit in the same second as a seed; the next edit rebuilds).
    for (const source of Object.keys(result.metafile.inputs).sort())
      sources[source] = hashOf(path.resolve(root, source));
    const header = `${HEADER}${JSON.stringify({ format: FORMAT, sources })}\n`;
    const output = (suffix) => result.outputFiles.find((out) => out.path.endsWith(suffix)).text;
    const map = JSON.parse(output('.mjs.map'));
    // The header is a line the map does not know of: in a map's mappings, each ';' starts a line.
    map.mappings = `;${map.mappings}`;
    mkdirSync(outdir, { recursive: true });
    // The map first: the bundle's rename is what makes a build visible to readers.
    writeWhole(`${file}.map`, JSON.stringify(map));
    writeWhole(file, header + output('.mjs'));
  } finally {
    await esbuild.stop();
  }
}

/** Writes a file under a temporary name and renames it into place: a reader sees all of it or none. */
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
