// A failed run's errors at their file and line, for the panel's header link. LEAN puts a Python
// runtime error's frames in `state.RuntimeError`/`StackTrace` as
//   Runtime Error: name 'x' is not defined
//     at on_data
//       self.x()
//    in main.py: line 23
// and import failures as "(main.py, line 4)". The innermost frame (the last location) is the user's line.
// The runner's own errors (parsed from LEAN's log, when the run left no result) come in as they are.
import type { BacktestResults } from '../backtest/results/index';
import type { ErrorView } from '../../shared/protocol';
import { runtimeErrors } from '../report/jsonReport';

/** The fields of the runner's LeanRunError that the panel uses (kept structural: no import of the runner). */
export interface RunnerError {
  message: string;
  file?: string | undefined;
  line?: number | undefined;
}

const FRAME = /\bin ([^\s:]+\.py): line (\d+)/g;
const INLINE = /\(([^\s,()]+\.py), line (\d+)\)/g;

/** The last location named in the text, or null. */
export function lastLocation(text: string): { file: string; line: number } | null {
  let found: { file: string; line: number; at: number } | null = null;
  for (const pattern of [FRAME, INLINE]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      if (!found || at >= found.at) found = { file: stripContainerPath(match[1] as string), line: Number(match[2]), at };
    }
  }
  return found && found.line >= 1 ? { file: found.file, line: found.line } : null;
}

/** LEAN runs the project at /LeanCLI: "/LeanCLI/main.py" is the project's main.py. */
function stripContainerPath(file: string): string {
  return file.replace(/^\/LeanCLI\//, '');
}

/** The run's errors: LEAN's runtime error (first line as the message, location from it and its stack), then the runner's. */
export function errorViews(results: BacktestResults | null, runner: readonly RunnerError[] = []): ErrorView[] {
  const out: ErrorView[] = [];
  if (results) {
    const stack = results.state?.stackTrace ?? '';
    for (const error of runtimeErrors(results)) {
      const location = lastLocation(`${error}\n${stack}`);
      out.push({ message: firstLine(error), file: location?.file ?? null, line: location?.line ?? null });
    }
  }
  for (const error of runner) {
    const message = firstLine(error.message);
    const file = error.file ?? null;
    const line = error.line !== undefined && error.line >= 1 ? error.line : null;
    const same = out.find((e) => e.message === message);
    if (!same) out.push({ message, file, line });
    else if (same.file === null && file !== null) Object.assign(same, { file, line });
  }
  return out;
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? text.trim()
  );
}
