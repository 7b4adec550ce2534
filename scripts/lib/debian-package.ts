import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** True when this process may install Debian packages itself: root, on a system with apt-get. */
export function canInstallDebianPackages(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * Installs a Debian package with apt-get, for a program a test needs and the machine lacks (Redis,
 * PostgreSQL's client programs, Chromium): the project brings what its tests need instead of asking
 * a user to preinstall it. Refreshes the package lists only when the first attempt fails, as a
 * fresh container has none. Throws `hint` (what to install by hand) when this process may not.
 */
export async function installDebianPackage(name: string, hint: string): Promise<void> {
  if (!canInstallDebianPackages()) throw new Error(hint);
  console.log(`Installing Debian's ${name} with apt-get (not found)…`);
  const install = () =>
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', name], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  await install().catch(async () => {
    await run('apt-get', ['update', '-qq']);
    await install();
  });
}
