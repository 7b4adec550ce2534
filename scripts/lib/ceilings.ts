import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NginxWorkDir } from './nginx';

// The ceilings `npm run bench` measures ours against, in the same run and on the same core: a bare
// node:http server answering with the article page's exact bytes (plain, or gzipped once at start),
// and nginx serving the same bytes as a static file (gzip_static for the compressed variant).

/** Writes article.html and article.html.gz into dir; returns the two sizes. */
export function writeArticleFiles(dir: string, html: Buffer): { plain: number; gzip: number } {
  const gzip = gzipSync(html, { level: 9 });
  writeFileSync(path.join(dir, 'article.html'), html);
  writeFileSync(path.join(dir, 'article.html.gz'), gzip);
  return { plain: html.length, gzip: gzip.length };
}

// Plain JavaScript, run with `node -e`, so the ceiling pays no TypeScript loader.
const NODE_CEILING = `
const http = require('node:http');
const fs = require('node:fs');
const [dir, port] = process.argv.slice(1);
const plain = fs.readFileSync(dir + '/article.html');
const gzip = fs.readFileSync(dir + '/article.html.gz');
http.createServer((request, response) => {
  const gzipped = /\\bgzip\\b/.test(request.headers['accept-encoding'] || '');
  const body = gzipped ? gzip : plain;
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, Vary: 'Accept-Encoding' };
  if (gzipped) headers['Content-Encoding'] = 'gzip';
  response.writeHead(200, headers);
  response.end(body);
}).listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
`;

export interface Stoppable {
  pid: number;
  stop(): Promise<void>;
}

export async function startNodeCeiling(dir: string, port: number, prefix: string[] = []): Promise<Stoppable> {
  const argv = [...prefix, process.execPath, '-e', NODE_CEILING, dir, String(port)];
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the node:http ceiling did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** nginx serving dir/article.html, and dir/article.html.gz to readers who accept gzip. */
export function nginxStaticConfig(work: NginxWorkDir, { listen, root }: { listen: number; root: string }): string {
  return `${work.preamble(1)}
http {
  ${work.httpPaths}
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type text/html;
  server {
    listen 127.0.0.1:${listen} reuseport backlog=4096;
    root ${root};
    gzip_static on;
    gzip_vary on;
    location = / { return 204; }
  }
}
`;
}
