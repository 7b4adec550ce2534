// A TypeScript entry point bundled once by esbuild into one ES module, so that plain Node runs it
// without tsx. tsx costs a script about 46 MB of resident memory (its loader thread and modules: a
// trivial script peaks at 87 MB under `node --import tsx`, 40 MB under plain node), which the
// seed's memory budget cannot spare (docs/editing.md, "How the seed handles a large archive").
// Plain JavaScript, not TypeScript: it must run before anything can run TypeScript.
//
// The bundle holds this repository's own modules; packages stay in node_modules (imported as
// usual). It is rebuilt when any of its sources changes: its first line lists every source with a
// hash of its bytes, checked in a few milliseconds. Several processes may build at once (tests
// run many seeds): each writes its own temporary file and renames it into place, so a reader only
// ever sees a whole bundle.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const HEADER = '// cached-bundle ';
// Bump when the build options below change: a bundle built with other options is then rebuilt.
const FORMAT = 1;

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
      outfile: file,
      absWorkingDir: root,
      logLevel: 'silent',
      plugins: [ownImportMetaUrl(outdir)],
    });
    const sources = {};
    // Relative to root (esbuild's working directory). Hashed after the build: a file saved during
    // it would be taken as built (an edit in the same second as a seed; the next edit rebuilds).
    for (const source of Object.keys(result.metafile.inputs).sort())
      sources[source] = hashOf(path.resolve(root, source));
    const header = `${HEADER}${JSON.stringify({ format: FORMAT, sources })}\n`;
    mkdirSync(outdir, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, header + result.outputFiles[0].text);
      renameSync(temporary, file);
    } finally {
      rmSync(temporary, { force: true });
    }
  } finally {
    await esbuild.stop();
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

function loaderOf(file) {
  return file.endsWith('x') ? 'tsx' : 'ts';
}
