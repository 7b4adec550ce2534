import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nginxStaticConfig } from './ceilings';
import { frontConfig } from './front-config';
import { findNginx, makeWorkDir, type NginxWorkDir } from './nginx';

// The generated configs are checked by nginx itself (`nginx -t`), as `npm run front` and the bench
// do before starting it. Running the front against the site is e2e/front.spec.ts.

const nginx = findNginx();
const dirs: NginxWorkDir[] = [];
afterEach(() => {
  for (const work of dirs.splice(0)) rmSync(work.dir, { recursive: true, force: true });
});

function check(work: NginxWorkDir, config: string): string {
  const file = path.join(work.dir, 'nginx.conf');
  writeFileSync(file, config);
  return execFileSync(nginx ?? 'nginx', ['-t', '-p', work.dir, '-c', file, '-e', path.join(work.dir, 'error.log')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('the front config', () => {
  it('is accepted by nginx and keeps everything inside its own folder', () => {
    expect(nginx, 'nginx is installed (npm run front installs nginx-light)').toBeTruthy();
    const work = makeWorkDir('news-front-test');
    dirs.push(work);
    const config = frontConfig(work, { listen: 18080, upstreamPort: 13000, microcacheSeconds: 1 });
    check(work, config);
    const paths = [...config.matchAll(/^\s*(?:pid|error_log|\w+_temp_path|proxy_cache_path) (\S+)/gm)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThanOrEqual(7);
    for (const file of paths) expect(file?.startsWith(work.dir)).toBe(true);
  });

  it('stores one entry per normalised encoding and never caches search or the API', () => {
    const work = makeWorkDir('news-front-test');
    dirs.push(work);
    const config = frontConfig(work, { listen: 18080, upstreamPort: 13000 });
    expect(config).toContain('proxy_set_header Accept-Encoding $front_encoding;');
    expect(config).toMatch(/proxy_cache_key "[^"]*\$front_encoding"/);
    for (const location of ['location = /search', 'location ^~ /api/']) {
      const block = config.slice(config.indexOf(location), config.indexOf('}', config.indexOf(location)));
      expect(block).toContain('proxy_cache off;');
    }
  });
});

describe('the encoding the front asks the site for', () => {
  // The map's own regular expressions, in nginx's order (first match wins), read with PCRE-like JS.
  const work = makeWorkDir('news-front-test');
  rmSync(work.dir, { recursive: true, force: true });
  const config = frontConfig(work, { listen: 18080, upstreamPort: 13000 });
  const block = config.slice(
    config.indexOf('map $http_accept_encoding'),
    config.indexOf('}', config.indexOf('map $http')),
  );
  const entries = [...block.matchAll(/'~(\*?)([^']+)' '?(\w*)'?;/g)].map(
    ([, flag, pattern, value]) => [new RegExp(pattern ?? '', flag ? 'i' : ''), value] as const,
  );
  const choose = (header: string) => entries.find(([pattern]) => pattern.test(header))?.[1] ?? '';

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['identity', ''],
    ['', ''],
    ['br;q=0, gzip', ''],
    ['gzip;q=0.5', 'gzip'],
    ['x-gzipped', ''],
  ])('%j → %j', (header, expected) => {
    expect(choose(header)).toBe(expected);
  });
});

describe('the static ceiling config', () => {
  it('is accepted by nginx', () => {
    const work = makeWorkDir('news-static-test');
    dirs.push(work);
    check(work, nginxStaticConfig(work, { listen: 18081, root: work.dir }));
  });
});
