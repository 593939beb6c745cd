// LEAN's error output turned into errors at a file and line, for diagnostics in the editor and for the
// generation repair loop. Formats (from LEAN and the Lean CLI, see docs): byte-compilation
// `***   File "/LeanCLI/main.py", line 3` + source + caret + `SyntaxError: ...`; the CLI's
// `Build Error File: main.py Line 3 Column 12 - SyntaxError: ...`; runtime `Runtime Error: <message>`
// followed by frames ending ` in main.py: line 23`; Python import failures `(main.py, line 4)`; and
// initialization failures without a line.

export interface LeanRunError {
  kind: 'syntax' | 'runtime' | 'initialization';
  /** Relative to the project folder; undefined when LEAN named no file. */
  file?: string;
  /** 1-based; undefined when LEAN named no line. */
  line?: number;
  column?: number;
  message: string;
}

const COMPILE = /^\*\*\*\s+File "\/LeanCLI\/([^"]+)", line (\d+)$/;
const BUILD_ERROR = /Build Error File: (\S+) Line (\d+) Column (\d+) - (.+)$/;
const RUNTIME = /Runtime Error: (.*)$/;
const FRAME_LOCATION = /^\s*in (\S+\.py): line (\d+)\s*$/;
const PY_LOCATION = /\((\S+\.py), line (\d+)\)/;
const INITIALIZATION = /During the algorithm initialization, the following exception has occurred: (.*)$/;
const NO_ALGORITHM = /Please ensure that one class inherits from QCAlgorithm/;

/** Strips LEAN's `20251104 15:51:36.139 ERROR:: ` prefix and an algorithm-time prefix. */
function body(line: string): string {
  return line.replace(/^\d{8} \d{2}:\d{2}:\d{2}\.\d{3} [A-Z]+::\s?/, '').replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /, '');
}

export function parseLeanErrors(log: string): LeanRunError[] {
  const lines = log.split(/\r?\n/);
  const errors: LeanRunError[] = [];
  const seen = new Set<string>();
  const add = (error: LeanRunError) => {
    const key = `${error.kind}|${error.file}|${error.line}|${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(error);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const text = body(lines[i]!);
    const compiled = COMPILE.exec(text);
    if (compiled) {
      // Source line, caret line, then the exception line (the caret line may be missing).
      const after = lines.slice(i + 1, i + 4).map(body);
      const caret = after.findIndex((l) => /^\s*\^+\s*$/.test(l));
      const message = after.find((l) => /^[A-Za-z]*Error: /.test(l)) ?? 'SyntaxError';
      const column = caret >= 0 && after[caret - 1] !== undefined ? caretColumn(after[caret - 1]!, after[caret]!) : undefined;
      add({ kind: 'syntax', file: compiled[1]!, line: Number(compiled[2]), ...(column ? { column } : {}), message: message.trim() });
      continue;
    }
    const build = BUILD_ERROR.exec(text);
    if (build) {
      add({ kind: 'syntax', file: build[1]!, line: Number(build[2]), column: Number(build[3]) || 1, message: build[4]!.trim() });
      continue;
    }
    const runtime = RUNTIME.exec(text);
    if (runtime) {
      // The innermost frame of the user's code is the last `in <file>.py: line N` before the next log entry.
      let location: RegExpExecArray | null = null;
      for (let j = i + 1; j < lines.length && j < i + 60; j++) {
        if (/^\d{8} \d{2}:\d{2}:\d{2}/.test(lines[j]!)) break;
        location = FRAME_LOCATION.exec(lines[j]!) ?? location;
      }
      const inline = PY_LOCATION.exec(runtime[1]!);
      const file = location?.[1] ?? inline?.[1];
      const line = location?.[2] ?? inline?.[2];
      add({
        kind: 'runtime',
        ...(file ? { file } : {}),
        ...(line ? { line: Number(line) } : {}),
        message: `Runtime Error: ${runtime[1]!.trim()}`,
      });
      continue;
    }
    const init = INITIALIZATION.exec(text);
    if (init) {
      const inline = PY_LOCATION.exec(init[1]!);
      add({ kind: 'initialization', ...(inline ? { file: inline[1]!, line: Number(inline[2]) } : {}), message: init[1]!.trim() });
      continue;
    }
    if (NO_ALGORITHM.test(text)) add({ kind: 'initialization', file: 'main.py', line: 1, message: body(text).trim() });
  }
  return errors;
}

function caretColumn(source: string, caret: string): number {
  // compileall indents the source and the caret alike; the column is the caret's offset in the source.
  const indent = source.length - source.trimStart().length;
  return Math.max(1, caret.indexOf('^') - indent + 1);
}
