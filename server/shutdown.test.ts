import { createServer, request, Agent, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { healthStep } from './health';
import { composeSteps, toRequestListener } from './pipeline';
import { closeConnectionsWhileDraining, Drain } from './shutdown';
import { killGroup, sleep, startProcess, type SiteProcess } from '../tests/support/server/site';

// The drain logic on a real node:http server whose one page waits until the test lets it answer,
// so "a request in flight when the stop begins" is certain rather than a matter of timing.
function startServer(): Promise<{ server: Server; drain: Drain; port: number; release: () => void }> {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = createServer();
  const drain = new Drain(server);
  const handle = composeSteps([
    closeConnectionsWhileDraining(drain),
    healthStep({ check: async () => null, isDraining: () => drain.isDraining, reuseMs: 0 }),
    async (req, res) => {
      if (req.url === '/slow') await gate;
      res.end('page');
    },
  ]);
  server.on('request', toRequestListener(handle));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, drain, port: typeof address === 'object' && address ? address.port : 0, release });
    }),
  );
}

function get(port: number, path: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

let servers: Server[] = [];
afterEach(() => {
  for (const server of servers) server.close();
  servers = [];
});

describe('Drain', () => {
  it('lets a request in flight finish, answers health 503 and refuses new connections', async () => {
    const { server, drain, port, release } = await startServer();
    servers.push(server);
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(port, '/healthz', keepAlive)).toEqual({ status: 200, body: 'ok\n' });

    const slow = get(port, '/slow');
    // The slow request has reached the page once the server counts it.
    while (drain.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const drained = drain.drain(5000);

    expect(await connectionRefused(port)).toBe(true);
    release();
    expect(await slow).toEqual({ status: 200, body: 'page' });
    expect(await drained).toEqual({ cut: 0 });
    keepAlive.destroy();
  });

  it('answers health 503 on a connection that was open when draining began', async () => {
    const { server, drain, port, release } = await startServer();
    servers.push(server);
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const slow = get(port, '/slow', keepAlive);
    while (drain.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const drained = drain.drain(5000);
    // Queued behind the slow request on the same kept-alive connection, so it reaches the server
    // after the stop began, as a balancer's probe on a pooled connection would.
    const health = get(port, '/healthz', keepAlive);
    release();
    expect(await slow).toMatchObject({ status: 200 });
    const probe = await health.catch((error: NodeJS.ErrnoException) => ({ status: 0, body: error.code ?? '' }));
    // Either the probe was answered 503, or the connection was closed after the page (Connection:
    // close while draining) and the probe could not be sent: never a 200.
    expect(probe.status === 503 || probe.status === 0).toBe(true);
    await drained;
    keepAlive.destroy();
  });

  it('cuts requests still busy when the time is up', async () => {
    const { server, drain, port } = await startServer();
    servers.push(server);
    const slow = get(port, '/slow').catch((error: NodeJS.ErrnoException) => error.code);
    while (drain.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await drain.drain(100)).toEqual({ cut: 1 });
    expect(await slow).toBe('ECONNRESET');
  });
});

describe('stopOnSignals', () => {
  const startFixture = async (): Promise<SiteProcess> => {
    const fixture = startProcess(
      process.execPath,
      ['--import', 'tsx', 'tests/support/server/signal-fixture.ts'],
      process.env,
    );
    while (!fixture.log().includes('ready')) await sleep(50);
    return fixture;
  };

  it('exits at once on a second signal while the first stop is still running', async () => {
    const fixture = await startFixture();
    try {
      process.kill(fixture.pid, 'SIGTERM');
      await sleep(800);
      expect(fixture.child.exitCode).toBeNull();
      process.kill(fixture.pid, 'SIGTERM');
      expect(await fixture.exited).toEqual({ code: 143, signal: null });
    } finally {
      killGroup(fixture.pid);
    }
  });

  it('takes the same signal twice in quick succession (Ctrl+C through npm) as one stop', async () => {
    const fixture = await startFixture();
    try {
      process.kill(fixture.pid, 'SIGINT');
      process.kill(fixture.pid, 'SIGINT');
      await sleep(800);
      expect(fixture.child.exitCode).toBeNull();
      expect(fixture.log()).toContain('SIGINT: finishing requests in flight');
    } finally {
      killGroup(fixture.pid);
    }
  });
});
