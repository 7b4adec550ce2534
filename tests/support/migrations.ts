import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../scripts/migrate/target';

const run = promisify(execFile);

export const tempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), `migrate-${prefix}-`));

/** A copy of a committed migrations folder, so a test can add migrations without touching it. */
export async function copyMigrations(relative: string, into: string): Promise<string> {
  const dir = path.join(into, 'migrations');
  await cp(path.join(projectRoot, relative), dir, { recursive: true });
  return dir;
}

export async function addMigration(migrationsDir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(migrationsDir, name));
  await writeFile(path.join(migrationsDir, name, 'migration.sql'), sql);
}

/** sha256 of each migration.sql, by folder name: what `_prisma_migrations.checksum` must hold. */
export async function checksums(migrationsDir: string): Promise<Record<string, string>> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const sums: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const sql = await readFile(path.join(migrationsDir, entry.name, 'migration.sql'));
    sums[entry.name] = createHash('sha256').update(sql).digest('hex');
  }
  return sums;
}

export async function migrationFolders(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** A schema file with one more model than the committed one: a real change for `new` to find. */
export const NEWSLETTER_MODEL =
  '\nmodel Newsletter {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n';

export async function writeSchema(dir: string, content: string): Promise<string> {
  const file = path.join(dir, 'schema.prisma');
  await writeFile(file, content);
  return file;
}

/** Runs the real CLI in a child process; resolves with its exit code and output, never rejects. */
export async function runCli(
  args: string[],
  databaseUrl: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // tsx as a loader in one Node process: its launcher would start a second one.
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts/migrate.ts'), ...args],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        cwd: projectRoot,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
