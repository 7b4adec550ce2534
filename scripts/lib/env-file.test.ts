import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSecretInEnvFile } from './env-file';

const NAME = 'ENV_FILE_TEST_SECRET';

describe('ensureSecretInEnvFile', () => {
  afterEach(() => {
    delete process.env[NAME];
  });

  it('creates the file readable by its owner only, with a fresh secret', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'env-file-')), '.env.local');
    expect(ensureSecretInEnvFile(file, NAME, 'test')).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(`${NAME}=${process.env[NAME]}`);
  });

  it('tightens an existing world-readable file even when the secret is already set', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'env-file-')), '.env.local');
    writeFileSync(file, 'OTHER=1\n', { mode: 0o644 });
    process.env[NAME] = 'already-set-by-the-operator';
    expect(ensureSecretInEnvFile(file, NAME, 'test')).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('OTHER=1\n');
  });
});
