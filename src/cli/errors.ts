/** An input or usage problem: the command prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
