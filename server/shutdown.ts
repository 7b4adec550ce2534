import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestStep } from './pipeline';

/**
 * Tracks the server's connections so a stop can wait for requests in flight, close keep-alive
 * connections as soon as they fall idle, and cut whatever is still open when time runs out.
 */
export class Drain {
  private readonly busy = new Map<Socket, number>();
  private draining = false;
  private settled: (() => void) | null = null;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.busy.set(socket, 0);
      socket.once('close', () => {
        this.busy.delete(socket);
        this.checkSettled();
      });
    });
    server.on('request', (req, res) => {
      const socket = req.socket;
      this.busy.set(socket, (this.busy.get(socket) ?? 0) + 1);
      res.once('close', () => {
        this.busy.set(socket, Math.max(0, (this.busy.get(socket) ?? 1) - 1));
        if (this.draining && this.busy.get(socket) === 0) socket.end();
        this.checkSettled();
      });
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Requests in flight right now. */
  get inFlight(): number {
    let total = 0;
    for (const count of this.busy.values()) total += count;
    return total;
  }

  /**
   * Stops accepting (the port is released at once, so new connections are refused and a balancer
   * tries the next instance), closes idle connections, and resolves when every request in flight
   * has been answered or `timeoutMs` has passed; then every remaining connection is cut.
   */
  async drain(timeoutMs: number): Promise<{ cut: number }> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    for (const [socket, count] of this.busy) if (count === 0) socket.end();
    const settled = new Promise<void>((resolve) => {
      this.settled = resolve;
      this.checkSettled();
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 'timeout');
    });
    const outcome = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    let cut = 0;
    if (outcome === 'timeout') {
      for (const socket of this.busy.keys()) {
        socket.destroy();
        cut += 1;
      }
    }
    await closed;
    return { cut };
  }

  private checkSettled(): void {
    if (this.draining && this.settled && this.inFlight === 0) this.settled();
  }
}

/** While draining, every answer tells the client to close its connection, so none lingers idle. */
export function closeConnectionsWhileDraining(drain: Drain): RequestStep {
  return (_req, res, next) => {
    if (drain.isDraining) res.setHeader('Connection', 'close');
    return next();
  };
}

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNAL_NUMBERS;

/**
 * SIGTERM or SIGINT runs `stop` once and exits 0 when it is done; a second signal exits at once
 * (128 + signal number, as a shell reports it), for an operator who will not wait. A repeat within
 * `repeatWindowMs` is the same stop delivered twice, not a second request: Ctrl+C in a terminal
 * reaches both npm and the server, and npm forwards its copy to the server as well.
 * `hardLimitMs` bounds the whole stop: process managers escalate to SIGKILL (systemd after 90 s,
 * Docker after 10 s), and a clean exit with a message beats being killed.
 */
export function stopOnSignals(
  stop: (signal: StopSignal) => Promise<void>,
  { hardLimitMs = 9500, repeatWindowMs = 500 } = {},
): void {
  let stopping = false;
  let firstAt = 0;
  for (const signal of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) {
    process.on(signal, () => {
      if (stopping) {
        if (Date.now() - firstAt < repeatWindowMs) return;
        console.error(`${signal} again: stopping now, without waiting.`);
        process.exit(128 + SIGNAL_NUMBERS[signal]);
      }
      stopping = true;
      firstAt = Date.now();
      console.log(`${signal}: finishing requests in flight, then stopping (send it again to stop at once).`);
      setTimeout(() => {
        console.error(`Stopping took longer than ${hardLimitMs} ms: exiting anyway.`);
        process.exit(1);
      }, hardLimitMs).unref();
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}
