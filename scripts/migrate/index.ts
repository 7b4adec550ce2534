export { deployMigrations } from './deploy';
export { createMigration, type CreateOptions, type Created } from './create';
export { migrationStatus, type MigrationStatus } from './status';
export { resolveMigration } from './resolve';
export { MigrateError } from './errors';
export type { MigrateOptions } from './target';
