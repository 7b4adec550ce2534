// The production server: Node's own HTTP server with Next in the same process, so one signal stops
// everything (no `next-server` child to orphan) and the requests Next answers badly never reach it.
// Run by `npm start` (scripts/start.ts, after migrations, seed and build), `npm run serve` and the
// e2e suite. Request flow: guard → /healthz → cache steps (the response cache) → the 503 while the
// database is away (server/unavailable.ts) → page steps (search results: server/search-page.tsx) → Next.
import './source-maps'; // first: before Next and Prisma load (server/source-maps.ts)
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';
import { guardRawRequests, guardStep } from './guard';
import { DatabaseMonitor } from './database-monitor';
import { expectedMigrations, healthStep } from './health';
import { composeSteps, toRequestListener, type RequestStep } from './pipeline';
import { closeConnectionsWhileDraining, Drain, stopOnSignals } from './shutdown';
import { unavailablePage, unavailableStep } from './unavailable';

export const PROJECT_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Something that runs beside the server for its whole life (the content watcher). */
export interface Service {
  name: string;
  /** Called once the server listens. */
  start(context: ServiceContext): void | Promise<void>;
  /** Called on shutdown after the last request was answered and before the database closes. */
  stop(): void | Promise<void>;
}

export interface ServiceContext {
  /** The port this instance listens on, and a loopback origin for calling itself. */
  port: number;
  origin: string;
}

export interface ServerOptions {
  port: number;
  /** Interface to listen on; all interfaces when absent, as `next start`. */
  hostname?: string;
  dir?: string;
  /** Steps between the health check and Next, in order: the response cache goes here. */
  cacheSteps?: readonly RequestStep[];
  /** Steps between the 503 while the database is away and Next: pages the server writes itself (search). */
  pageSteps?: readonly RequestStep[];
  services?: readonly Service[];
  /** How long a stop waits for requests in flight before cutting them. */
  drainTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Drains, stops the services and Next, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The response cache (server/response-cache.ts) and the content watcher (server/content-watch.ts)
 * plug in here; everything that starts the site (`npm start`, `npm run serve`, the e2e suite) gets
 * them through this one function.
 */
export async function siteExtensions(): Promise<{
  cacheSteps: RequestStep[];
  pageSteps: RequestStep[];
  services: Service[];
}> {
  const { cacheSteps, services, responseCache } = (await import('./caching')).cachingExtensions();
  // Search results written into the search page's shell (server/search-page.tsx), which is asked
  // for again whenever the response cache is cleared for a content change.
  const { searchPageStep } = await import('./search-page');
  return { cacheSteps, pageSteps: [searchPageStep({ generation: () => responseCache.generation })], services };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dir = options.dir ?? PROJECT_DIR;
  applyProductionDefaults();
  // Imported here, not at the top: lib/env reads process.env once, after the .env files are loaded.
  const [{ default: next }, { getPrisma, reconnectPrisma, describeDatabaseProblem }, { env, isPostgresUrl }] =
    await Promise.all([import('next'), import('../lib/db'), import('../lib/env')]);
  const { sqliteFilePath } = await import('../lib/sqlite-file');

  // Idle keep-alive connections stay open longer than a client or balancer keeps them (nginx and
  // most load balancers: 60 s). With Node's 5 s default the server could close a connection just as
  // a client reused it, and that request failed with ECONNRESET (seen in the e2e suite). A stop still
  // closes idle connections at once (Drain).
  const server = createServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const drain = new Drain(server);
  guardRawRequests(server);
  // Next attaches its WebSocket 'upgrade' listener to the server it is given, or else to the first
  // request's server. The site has no WebSockets: hand it a stand-in, so upgrade requests reach the
  // guard as ordinary requests (Node's behaviour when nothing listens for 'upgrade').
  const upgradeSink = new EventEmitter() as unknown as Server;
  const app = next({ dev: false, dir, port: options.port, hostname: options.hostname, httpServer: upgradeSink });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const nextStep: RequestStep = (req, res) => handleWithNext(req, res);

  const database = new DatabaseMonitor({
    client: getPrisma,
    reconnect: reconnectPrisma,
    sqliteFile: isPostgresUrl(env.DATABASE_URL) ? null : sqliteFilePath(env.DATABASE_URL),
    migrations: expectedMigrations(dir, env.DATABASE_URL),
    describe: (error) => describeDatabaseProblem(error, env.DATABASE_URL),
  });
  await database.start();
  const unavailable = unavailablePage({
    distDir: path.resolve(dir, process.env.NEXT_DIST_DIR || '.next'),
    siteName: env.SITE_NAME,
    lang: env.SITE_LANGUAGE,
  });
  const handle = composeSteps([
    closeConnectionsWhileDraining(drain),
    guardStep(),
    healthStep({
      check: async () => (await database.check()).problem,
      isDraining: () => drain.isDraining,
      // The monitor already shares one probe among callers; a second reuse would only lag it.
      reuseMs: 0,
    }),
    ...(options.cacheSteps ?? []),
    unavailableStep({ current: () => database.state, probe: () => database.check(), html: unavailable }),
    ...(options.pageSteps ?? []),
    nextStep,
  ]);
  server.on('request', toRequestListener(handle));

  const port = await listen(server, options.port, options.hostname);
  const context: ServiceContext = { port, origin: `http://127.0.0.1:${port}` };
  const services = options.services ?? [];
  for (const service of services) await service.start(context);

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    const { cut } = await drain.drain(options.drainTimeoutMs ?? 8000);
    if (cut > 0) console.error(`Stopped waiting: ${cut} connection(s) still busy were cut.`);
    for (const service of [...services].reverse()) {
      await Promise.resolve(service.stop()).catch((error: unknown) =>
        console.error(`Stopping ${service.name} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    database.stop();
    await app.close();
    // The pages' own client: lib/db keeps one per process on globalThis, which Next's bundled copy
    // of lib/db and this one share. Closing the last connection checkpoints SQLite's write-ahead log
    // into the database file, so the next process (a migration, the next deploy) finds it whole.
    await getPrisma().$disconnect();
  };
  return { server, port, stop: () => (stopping ??= stop()) };
}

/** This server only serves production builds; Next reads NODE_ENV to pick its behaviour and .env files. */
export function applyProductionDefaults(): void {
  const vars = process.env as Record<string, string | undefined>;
  vars.NODE_ENV ??= 'production';
  vars.NEXT_TELEMETRY_DISABLED ??= '1';
}

function listen(server: Server, port: number, hostname: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Canonical links, feeds and sitemaps are absolute URLs built from SITE_URL: left to its localhost
 * default in production, they are wrong for every reader, so say so loudly at start.
 */
export function warnWithoutSiteUrl(origin: string): void {
  if (process.env.SITE_URL) return;
  const rule = '!'.repeat(78);
  console.warn(
    [
      '',
      rule,
      '!! SITE_URL is not set. Canonical URLs, feeds (RSS, Atom), sitemaps and share cards will point',
      `!! at ${origin}, which no reader can open. Set SITE_URL to the public address, e.g.`,
      '!!   SITE_URL=https://news.example.com npm start',
      rule,
      '',
    ].join('\n'),
  );
}

/** Starts the site with its extensions on PORT (and HOSTNAME when set). */
export async function runSite(): Promise<RunningServer> {
  const { env } = await import('../lib/env');
  const hostname = process.env.HOSTNAME || undefined;
  const running = await startServer({ port: env.PORT, hostname, ...(await siteExtensions()) });
  console.log(`Ready on http://${hostname ?? 'localhost'}:${running.port}`);
  return running;
}

/**
 * `npm run serve`: the site on PORT with the .env files Next reads, stopped by SIGINT or SIGTERM.
 * Called by scripts/serve.mjs (this module bundled, run by plain Node) or when this file is run itself.
 */
export function serveFromCommandLine(): void {
  // Same .env files as Next reads (.env, .env.local, .env.production…), before lib/env parses them.
  applyProductionDefaults();
  nextEnv.loadEnvConfig(PROJECT_DIR, false, { info: () => {}, error: console.error });
  warnWithoutSiteUrl(`http://localhost:${process.env.PORT || 3000}`);
  let running: RunningServer | null = null;
  // Installed before the (slow) start, so a stop asked for meanwhile is honoured too.
  stopOnSignals(async () => {
    await running?.stop();
    console.log('Stopped.');
  });
  runSite().then(
    (started) => {
      running = started;
    },
    (error: unknown) => {
      console.error(`The server could not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

// `node --import tsx server/main.ts`: the same server run from the TypeScript sources, through tsx.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) serveFromCommandLine();
