import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };

const require = createRequire(import.meta.url);

// The engine sets timers (e.g. the 10 s advisory-lock timeout) and never clears them, which holds
// Node open for seconds after a command is done. They are tracked, and cleared once no engine is
// running: then nothing can be waiting on them.
const timers = new Set<ReturnType<typeof setTimeout>>();
let openEngines = 0;

function trackedSetTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => {
    timers.delete(timer);
    callback();
  }, ms >>> 0);
  timers.add(timer);
  return timer;
}

// The package's entry module imports the .wasm file the way bundlers do, which Node cannot load.
// So the bytes are read and instantiated here against the package's own JS glue, once per process.
let ready: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  ready ??= (async () => {
    // The .wasm file is not in the package's exports map: find it beside the glue module.
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const imports: Record<string, unknown> = { ...glue };
    for (const name of Object.keys(imports))
      if (name.startsWith('__wbg_setTimeout_')) imports[name] = trackedSetTimeout;
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

/** A schema engine driving the database behind `factory`. Pair every call with `closeEngine`. */
export async function openEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadWasm();
  openEngines += 1;
  try {
    // The engine expects the error-capturing wrapper: it turns thrown driver errors into results
    // it can report, instead of opaque JS exceptions crossing the WASM boundary.
    return await glue.SchemaEngine.new(
      { datamodels: undefined },
      () => {},
      bindMigrationAwareSqlAdapterFactory(factory),
    );
  } catch (error) {
    releaseTimers();
    throw error;
  }
}

export function closeEngine(engine: SchemaEngine): void {
  engine.free();
  releaseTimers();
}

function releaseTimers(): void {
  openEngines -= 1;
  if (openEngines > 0) return;
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
}
