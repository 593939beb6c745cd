/**
 * A result file that cannot be used at all: unreadable, empty, cut off, not JSON, or not an object.
 * The message starts with the file (as given by the caller, e.g. "sma-crossover/1186467672.json") and
 * says what is wrong in words a user can act on. Problems inside a usable file are warnings instead.
 */
export class BacktestResultsError extends Error {
  override name = 'BacktestResultsError';

  constructor(
    /** The file as named in the message. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly problem: string,
  ) {
    super(`${file} ${problem}`);
  }
}
