// Hostile requests get 4xx, never 5xx (issue 10, item 1): a bounded stream of generated malformed
// requests, sent as raw bytes on loopback to the production server (server/main.ts on a real build
// and a seeded SQLite file). Prints the counts by status code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/lib/free-port';
import { LOG_MARKERS, malformedRequests } from '../tests/support/server/malformed-requests';
import { sendRaw, type RawOutcome } from '../tests/support/server/raw-http';
import {
  ensureBuild,
  killGroup,
  residentKiB,
  seededDatabase,
  siteEnv,
  startServer,
  waitUntilReady,
  type SiteDatabase,
  type SiteProcess,
} from '../tests/support/server/site';

const REQUESTS = 2400;
const CONCURRENCY = 8;
// The whole run stops sending after this long, whatever is left: a bound, not a speed assertion.
const TIME_LIMIT_MS = 400_000;
// Node's heap grows and settles under load; a leak per request would add far more than this.
const RSS_GROWTH_LIMIT_KIB = 200 * 1024;

let database: SiteDatabase;
let site: SiteProcess;
let port: number;

beforeAll(async () => {
  await ensureBuild();
  database = await seededDatabase();
  port = await freePort();
  site = startServer(siteEnv(database, port));
  await waitUntilReady(site, port);
}, 600_000);

afterAll(() => {
  if (site) killGroup(site.pid);
  database?.dispose();
});

describe('malformed requests', () => {
  it(`${REQUESTS} of them: no 5xx, no unanswered connection, the server stays up, memory bounded, log clean`, async () => {
    const requests = malformedRequests(REQUESTS);
    const outcomes: RawOutcome[] = new Array(requests.length);
    const deadline = Date.now() + TIME_LIMIT_MS;
    let nextIndex = 0;
    let rssAfterWarmUp = 0;
    const worker = async (): Promise<void> => {
      while (nextIndex < requests.length && Date.now() < deadline) {
        const index = nextIndex++;
        outcomes[index] = await sendRaw(port, requests[index]!);
        if (index === 300) rssAfterWarmUp = residentKiB(site.pid);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rssAtEnd = residentKiB(site.pid);

    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(String(outcome), (counts.get(String(outcome)) ?? 0) + 1);
    const sent = outcomes.filter((outcome) => outcome !== undefined).length;
    console.log(
      `Fuzz: ${sent} requests; by status ${JSON.stringify(Object.fromEntries([...counts].sort()))}; ` +
        `RSS ${Math.round(rssAfterWarmUp / 1024)} MiB after 300, ${Math.round(rssAtEnd / 1024)} MiB at the end`,
    );

    expect(sent).toBeGreaterThanOrEqual(2000);
    const failures = outcomes
      .map((outcome, index) => ({ outcome, index }))
      .filter(({ outcome }) => typeof outcome !== 'number' || outcome >= 500)
      .map(
        ({ outcome, index }) =>
          `#${index} ${String(outcome)}: ${JSON.stringify(requests[index]!.toString('latin1').slice(0, 120))}`,
      );
    expect(failures).toEqual([]);

    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(rssAtEnd - rssAfterWarmUp).toBeLessThan(RSS_GROWTH_LIMIT_KIB);

    const log = site.log();
    expect(log).not.toContain(LOG_MARKERS.escape);
    expect(log).not.toMatch(new RegExp(`^${LOG_MARKERS.forgedLine}`, 'm'));
    expect(log).not.toContain('\x00');
  }, 900_000);
});
