import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync } from 'node:fs';

/**
 * Makes sure `name` has a value, appending a fresh random one to the env file (.env.local, ignored
 * by git) when the environment has none, and leaves the file readable by its owner only. The mode
 * is set on every call: appendFileSync's `mode` applies only when it creates the file, and a file
 * made by hand or by an older version may be world-readable.
 * Returns true when a value was created.
 */
export function ensureSecretInEnvFile(file: string, name: string, comment: string): boolean {
  let created = false;
  if (!process.env[name]) {
    const secret = randomBytes(32).toString('base64url');
    appendFileSync(file, `\n# ${comment}\n${name}=${secret}\n`, { mode: 0o600 });
    process.env[name] = secret;
    created = true;
  }
  if (existsSync(file)) chmodSync(file, 0o600);
  return created;
}
