import { Agent, request } from 'node:http';

// Readers hammering a site, for tests that must show nothing fails under load (a seed, migrations, a
// second instance starting): many keep-alive connections from one process, each sending its next
// request as soon as the last answer arrived. Node's own HTTP client, not browser page loads, so
// the load is hundreds of requests a second rather than a handful. Every `uncachedEvery`-th request
// (1 in 50 unless told: one search render costs as much as hundreds of cached answers) is a search
// with a query never asked before, which always reaches the database.

export interface ReaderLoadOptions {
  origin: string;
  /** Pages asked in turn; expected to answer `expected` (200 unless told). */
  urls: readonly string[];
  connections?: number;
  uncachedEvery?: number;
  /** Status each answer must have; anything else counts as a failure. */
  expected?: (url: string, status: number) => boolean;
}

export interface ReaderLoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Failures by "status url" or "error url". */
  failures: Record<string, number>;
  failed: number;
}

export interface ReaderLoad {
  /** Stops sending, waits for the answers in flight, and returns the counts. */
  stop(): Promise<ReaderLoadResult>;
  /** Requests answered so far. */
  count(): number;
}

export function startReaderLoad({
  origin,
  urls,
  connections = 32,
  uncachedEvery = 50,
  expected = (_url, status) => status === 200,
}: ReaderLoadOptions): ReaderLoad {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const failures = new Map<string, number>();
  const started = performance.now();
  let sent = 0;
  let answered = 0;
  let running = true;

  const fail = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
  const once = (url: string) =>
    new Promise<void>((resolve) => {
      const req = request(`${origin}${url}`, { agent, headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (!expected(url, res.statusCode ?? 0)) fail(`${res.statusCode} ${url}`);
          resolve();
        });
        res.on('error', (error) => {
          fail(`${error.message} ${url}`);
          resolve();
        });
      });
      // Generous: on a shared machine a request can queue for long; only an answer that never
      // comes, or a wrong one, is a failure.
      req.setTimeout(60_000, () => req.destroy(new Error('no answer in 60 s')));
      req.on('error', (error) => {
        fail(`${(error as NodeJS.ErrnoException).code ?? error.message} ${url}`);
        resolve();
      });
      req.end();
    });
  const reader = async () => {
    while (running) {
      const n = sent++;
      const url = n % uncachedEvery === uncachedEvery - 1 ? `/search?q=harbour+${n}` : urls[n % urls.length]!;
      await once(url);
      answered++;
    }
  };
  const readers = Array.from({ length: connections }, reader);
  return {
    count: () => answered,
    async stop() {
      running = false;
      await Promise.all(readers);
      agent.destroy();
      const seconds = (performance.now() - started) / 1000;
      const failed = [...failures.values()].reduce((sum, count) => sum + count, 0);
      return {
        requests: answered,
        seconds,
        perSecond: answered / seconds,
        failures: Object.fromEntries(failures),
        failed,
      };
    },
  };
}
