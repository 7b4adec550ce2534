import path from 'node:path';
import type { NginxWorkDir } from './nginx';

export interface FrontOptions {
  /** Port the front listens on (loopback unless `host` says otherwise). */
  listen: number;
  host?: string;
  /** The site's own server, on loopback. */
  upstreamPort: number;
  /** How long a page stays fresh in the front; the seed's changes show up after at most this (+ a render). */
  microcacheSeconds?: number;
  workers?: number | 'auto';
  /** Bytes of cache on disk. */
  maxCacheSize?: string;
}

/**
 * The nginx config of the production front (docs/performance.md explains each choice):
 *
 * - Compression is paid once, by the site's server, which stores gzip and brotli bytes. The front
 *   asks the upstream for one normalised encoding (br, gzip or none, from the reader's
 *   Accept-Encoding) and keeps each variant under its own key, so a hit is a file copy, never a gzip.
 *   Vary is therefore not needed for the key (it would split the cache by every browser's exact
 *   Accept-Encoding string) and is ignored for caching, but still sent to readers.
 * - Micro-caching instead of purging: a page is fresh for one second; after that the first reader
 *   gets the stored copy while one request refreshes it (`use_stale updating`, background update),
 *   and concurrent misses wait for one upstream request (`proxy_cache_lock`). The seed's changes
 *   reach readers within the server's own delay plus about a second, with no purge API to secure.
 * - The upstream's Cache-Control is ignored for pages: the front's lifetime is its own one second,
 *   whatever the site tells browsers. Responses that set cookies are never stored.
 * - Not cached: search (every query differs; the site must see the load), `/api/*`, React Server
 *   Component requests (their responses vary on Next's router headers), and anything but 200, 301,
 *   308 and 410, so unknown URLs cannot fill the front's cache. If the upstream is down or failing,
 *   the last good copy is served.
 * - A hit is nginx alone: `pcre_jit` for the encoding map's regexes, open file descriptors cached.
 */
export function frontConfig(work: NginxWorkDir, options: FrontOptions): string {
  const { listen, host = '127.0.0.1', upstreamPort, microcacheSeconds = 1, workers = 1, maxCacheSize = '1g' } = options;
  const cacheDir = path.join(work.dir, 'cache');
  const fresh = `${microcacheSeconds}s`;
  return `${work.preamble(workers)}
pcre_jit on;
http {
  ${work.httpPaths}
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip off;
  # A cache hit opens its cache file by name; keeping the descriptors open saves an open, fstat and
  # close per hit. nginx compares the file's inode with the cache entry's, so a refreshed page
  # (written to a new file and renamed) is never served from a stale descriptor.
  open_file_cache max=10000 inactive=20s;
  open_file_cache_valid 1s;
  open_file_cache_errors off;

  proxy_cache_path ${cacheDir} levels=1:2 keys_zone=front:32m max_size=${maxCacheSize} inactive=10m use_temp_path=off;

  # One encoding per cache entry: brotli when the reader accepts it, else gzip, else none. A header
  # that refuses anything (q=0) gets uncompressed bytes, always acceptable, rather than a guess.
  map $http_accept_encoding $front_encoding {
    default '';
    '~;\\s*q=0(\\.0*)?\\s*(,|$)' '';
    '~*\\bbr\\b' br;
    '~*\\bgzip\\b' gzip;
  }
  # Next's client router asks for RSC payloads with these headers; those responses are not stored.
  map "$http_rsc$http_next_router_prefetch$http_next_router_segment_prefetch$http_next_router_state_tree$http_next_action" $front_rsc {
    default 1;
    '' '';
  }

  upstream site {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
  }

  server {
    listen ${host}:${listen} reuseport backlog=4096;

    proxy_http_version 1.1;
    proxy_set_header Connection '';
    proxy_set_header Host $http_host;
    proxy_set_header Accept-Encoding $front_encoding;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $http_host;

    proxy_cache front;
    proxy_cache_key "$scheme|$http_host|$request_uri|$front_encoding";
    proxy_cache_valid 200 301 308 410 ${fresh};
    proxy_ignore_headers Cache-Control Expires Vary X-Accel-Expires;
    proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
    proxy_cache_background_update on;
    proxy_cache_lock on;
    proxy_cache_lock_timeout 5s;
    proxy_cache_bypass $front_rsc;
    proxy_no_cache $front_rsc;
    add_header X-Cache-Status $upstream_cache_status always;

    location / {
      proxy_pass http://site;
    }

    # Content-hashed build assets never change: keep them for a day.
    location ^~ /_next/static/ {
      proxy_pass http://site;
      proxy_cache_valid 200 1d;
    }

    location = /search {
      proxy_pass http://site;
      proxy_cache off;
    }
    location ^~ /search/ {
      proxy_pass http://site;
      proxy_cache off;
    }
    location ^~ /api/ {
      proxy_pass http://site;
      proxy_cache off;
    }
    location = /healthz {
      proxy_pass http://site;
      proxy_cache off;
    }
  }
}
`;
}
