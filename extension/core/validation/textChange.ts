// Edits in the form tree-sitter's incremental parsing needs. Tiny and dependency-free, so the extension
// can compute them without loading the validation chunk.

/** One edit of a document, in UTF-16 offsets and zero-based line/column positions (as VS Code gives them). */
export interface TextChange {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Position;
  oldEndPosition: Position;
  newEndPosition: Position;
}

export interface Position {
  row: number;
  column: number;
}

/** The TextChange for replacing `[startIndex, startIndex + removedLength)` (starting at `start`) with `inserted`. */
export function textChange(startIndex: number, removedLength: number, start: Position, oldEnd: Position, inserted: string): TextChange {
  const lines = inserted.split('\n');
  const newEndPosition =
    lines.length === 1
      ? { row: start.row, column: start.column + inserted.length }
      : { row: start.row + lines.length - 1, column: lines[lines.length - 1]!.length };
  return {
    startIndex,
    oldEndIndex: startIndex + removedLength,
    newEndIndex: startIndex + inserted.length,
    startPosition: start,
    oldEndPosition: oldEnd,
    newEndPosition,
  };
}
