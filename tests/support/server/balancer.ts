// A tiny round-robin HTTP balancer for the rolling-restart test, doing what nginx does with
// `proxy_next_upstream error` plus an active health check: it sends requests only to backends whose
// /healthz answered 200 last, and retries a request on the next backend when the connection fails
// before any response (refused or reset: the backend never handled it).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  port: number;
  /** Requests answered, by backend port. */
  servedBy: Map<number, number>;
  /** Requests retried on another backend after a connection error. */
  retries: () => number;
  close(): Promise<void>;
}

export async function startBalancer(backends: number[], probeEveryMs = 100): Promise<Balancer> {
  const up = new Map(backends.map((port) => [port, false]));
  const servedBy = new Map(backends.map((port) => [port, 0]));
  let retries = 0;
  let next = 0;

  const probe = (port: number): void => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 1000 }, (res) => {
      up.set(port, res.statusCode === 200);
      res.resume();
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => up.set(port, false));
    req.end();
  };
  const probes = setInterval(() => backends.forEach(probe), probeEveryMs);
  backends.forEach(probe);

  const pick = (): number | null => {
    const live = backends.filter((port) => up.get(port));
    if (live.length === 0) return null;
    next = (next + 1) % live.length;
    return live[next] ?? null;
  };

  // Gives up after about five seconds without a backend that takes the request.
  const MAX_ATTEMPTS = 50;
  const forward = (req: IncomingMessage, res: ServerResponse, attempt: number): void => {
    if (attempt >= MAX_ATTEMPTS) {
      res.writeHead(502).end();
      return;
    }
    const port = pick();
    if (port === null) {
      setTimeout(() => forward(req, res, attempt + 1), probeEveryMs);
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        servedBy.set(port, (servedBy.get(port) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      up.set(port, false);
      retries += 1;
      forward(req, res, attempt + 1);
    });
    upstream.end();
  };

  const server = createServer((req, res) => forward(req, res, 0));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    servedBy,
    retries: () => retries,
    close: () =>
      new Promise((resolve) => {
        clearInterval(probes);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
