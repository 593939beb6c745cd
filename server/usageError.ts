// The CLI's one usage error: a problem the user fixes by changing the command line or the setup (a bad
// flag, a missing file, no engine). cli.ts prints its message as it is and exits with code 2.
// Each command is its own bundle (dist/cli-<name>.js) with its own copy of this class, so cli.ts
// recognises it by its name: `instanceof` fails across bundles.
export class UsageError extends Error {
  override name = 'UsageError';
}

export function isUsageError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'UsageError';
}
