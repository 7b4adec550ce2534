import { parentPort, Worker } from 'node:worker_threads';

// A fixed set of worker threads that run one kind of task, so CPU-heavy work (checking and rendering
// articles) uses every core while the main thread writes to the database. Tasks wait in a queue for
// an idle worker; the caller bounds how many it hands over at once (see inOrder), so memory holds a
// few tasks, never the whole archive.

interface Request<In> {
  id: number;
  input: In;
}

type Reply<Out> = { id: number; output: Out } | { id: number; error: string };

export interface WorkerPool<In, Out> {
  run(input: In): Promise<Out>;
  /** Stops every worker; tasks not finished are rejected. */
  close(): Promise<void>;
}

interface Task<In, Out> {
  id: number;
  input: In;
  resolve(output: Out): void;
  reject(error: Error): void;
}

/**
 * Starts `size` workers from `entry`, a module that calls serveTasks. A worker that crashes fails
 * its task and every later one: the caller's run stops, it does not hang.
 */
export function createWorkerPool<In, Out>(entry: URL, workerData: unknown, size: number): WorkerPool<In, Out> {
  const queue: Task<In, Out>[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task<In, Out>>();
  let failure: Error | undefined;
  let nextId = 0;

  const dispatch = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!;
      const task = queue.shift()!;
      busy.set(worker, task);
      worker.postMessage({ id: task.id, input: task.input } satisfies Request<In>);
    }
  };
  const fail = (error: Error) => {
    failure ??= error;
    for (const task of [...busy.values(), ...queue.splice(0)]) task.reject(failure);
    busy.clear();
  };

  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(entry, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
    worker.on('message', (reply: Reply<Out>) => {
      const task = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (task && task.id === reply.id) {
        if ('error' in reply) task.reject(new Error(reply.error));
        else task.resolve(reply.output);
      }
      dispatch();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
    idle.push(worker);
    return worker;
  });

  return {
    run(input) {
      if (failure) return Promise.reject(failure);
      return new Promise<Out>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        dispatch();
      });
    },
    async close() {
      fail(new Error('the worker pool was closed'));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The worker's side: answers every task with `handle`'s result, or its error's message. */
export function serveTasks<In, Out>(handle: (input: In) => Out): void {
  if (!parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  port.on('message', ({ id, input }: Request<In>) => {
    let reply: Reply<Out>;
    try {
      reply = { id, output: handle(input) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

/**
 * Runs `run` over the inputs with at most `depth` results pending, yielding them in input order: the
 * consumer works on one result while the next ones are computed, and memory holds `depth` of them.
 */
export async function* inOrder<In, Out>(
  inputs: Iterable<In>,
  run: (input: In) => Promise<Out>,
  depth: number,
): AsyncGenerator<Out> {
  const pending: Promise<Out>[] = [];
  const iterator = inputs[Symbol.iterator]();
  const start = () => {
    const next = iterator.next();
    if (next.done) return;
    const result = run(next.value);
    // Awaited in its turn; a failure meanwhile must not count as an unhandled rejection.
    result.catch(() => {});
    pending.push(result);
  };
  for (let i = 0; i < Math.max(1, depth); i++) start();
  for (let result = pending.shift(); result; result = pending.shift()) {
    const value = await result;
    // The next one starts as this one is handed over, so `depth` are computed while it is used.
    start();
    yield value;
  }
}
