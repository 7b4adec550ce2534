/** An expected failure: the CLI prints its message as is, without a stack trace. */
export class MigrateError extends Error {
  override name = 'MigrateError';
}
