import { connect } from 'node:net';

/** What came back for one raw request: the status code, or why there was none. */
export type RawOutcome = number | 'closed without answer' | 'timeout' | 'refused';

/**
 * Sends exact bytes on a fresh TCP connection and reads the status line of the answer, so malformed
 * requests reach the server as written (an HTTP client library would refuse or repair them).
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 15_000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.once('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received.subarray(0, 32).toString('latin1'));
      if (match) finish(Number(match[1]));
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? 'refused' : 'closed without answer'),
    );
    socket.on('close', () => finish('closed without answer'));
  });
}
