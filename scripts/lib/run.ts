import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Children still running, so a stop signal sent to this process alone can end them too.
const running = new Set<ChildProcess>();

/** Runs a command with inherited output; resolves on exit 0, rejects with the exit status otherwise. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    running.add(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else
        reject(
          new CommandFailed(
            `${[command, ...args].join(' ')} ${signal ? `was killed by ${signal}` : `exited with ${code}`}`,
            code ?? 1,
          ),
        );
    });
  });
}

export class CommandFailed extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Runs a TypeScript file of this repository with tsx, in a fresh Node process. */
export function runTs(file: string, args: string[] = [], options: SpawnOptions = {}): Promise<void> {
  return run(process.execPath, ['--import', 'tsx', file, ...args], options);
}

/** Runs a package's CLI with this Node, without going through npx. */
export function runBin(modulePath: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return run(process.execPath, [require.resolve(modulePath), ...args], options);
}

/** Sends `signal` to every command still running and resolves once they have all exited. */
export function stopRunning(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  );
  return Promise.all(exits).then(() => undefined);
}
