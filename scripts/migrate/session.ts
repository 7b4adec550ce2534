import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { closeEngine, openEngine, type SchemaEngine } from './engine';
import type { Target } from './target';

/**
 * Runs `work` with a schema engine on the target database, then closes every connection the engine
 * opened: the engine does not dispose its adapters when freed, and an open pg pool would keep Node
 * alive after the work is done.
 */
export async function withEngine<T>(target: Target, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await target.prepare();
  const { factory, closeAll } = tracked(target.createFactory());
  try {
    const engine = await openEngine(factory);
    try {
      return await work(engine);
    } finally {
      closeEngine(engine);
    }
  } finally {
    await closeAll();
  }
}

function tracked(base: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
    };
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await base.connect()),
    connectToShadowDb: async () => track(await base.connectToShadowDb()),
  };
  const closeAll = async () => {
    for (const adapter of [...open]) await adapter.dispose();
  };
  return { factory, closeAll };
}
