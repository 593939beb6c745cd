// Syntax diagnostics from a tree-sitter parse tree.
//
// tree-sitter recovers from errors by wrapping whatever it could not fit into ERROR nodes, which often
// start lines before the real mistake (a missing ':' after `def f(self)` turns the whole class into an
// ERROR). So we first look for the mistakes Python programmers make most, at the exact token:
// unbalanced brackets and a compound statement header without its ':'. Only ERROR regions that those
// do not explain are reported generically, at their innermost node. Like CPython, we prefer one precise
// report over many consequential ones: generic errors after the first precise one are dropped.
import type { Node, Tree } from 'web-tree-sitter';
import type { LeanDiagnostic, SourceRange } from '../diagnostic';

export const SYNTAX_CODES = {
  unclosedBracket: 'syntax-unclosed-bracket',
  unmatchedBracket: 'syntax-unmatched-bracket',
  missingColon: 'syntax-missing-colon',
  missingToken: 'syntax-missing-token',
  unterminatedString: 'syntax-unterminated-string',
  unexpected: 'syntax-error',
} as const;

const MAX_REPORTS = 50;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(OPENERS));
/** Keywords that open a compound statement when they are the first token of a logical line. */
const BLOCK_KEYWORDS = new Set(['def', 'class', 'if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally']);

interface Token {
  type: string;
  row: number;
  column: number;
  endRow: number;
  endColumn: number;
}

export function syntaxDiagnostics(tree: Tree): LeanDiagnostic[] {
  const root = tree.rootNode;
  if (!root.hasError) return [];
  const tokens = collectTokens(root);
  const precise = [...bracketProblems(tokens), ...missingColons(tokens), ...missingNodes(root)].sort(byPosition);
  // A generic error region that reaches the first precise report is most likely its consequence.
  const first = precise[0]?.range;
  const generic = innermostErrors(root)
    .filter(({ end }) => !first || end.endLine < first.startLine || (end.endLine === first.startLine && end.endColumn <= first.startColumn))
    .map(({ diagnostic }) => diagnostic);
  return dedupeByLine([...precise, ...generic].sort(byPosition)).slice(0, MAX_REPORTS);
}

/** Leaf tokens in source order. Strings and comments count as one token: brackets inside them are text. */
function collectTokens(root: Node): Token[] {
  const tokens: Token[] = [];
  const cursor = root.walk();
  let descend = true;
  for (;;) {
    const node = cursor.currentNode;
    const atomic = node.type === 'string' || node.type === 'comment';
    if (descend && !atomic && cursor.gotoFirstChild()) continue;
    if (node.childCount === 0 || atomic) {
      if (!node.isMissing && node.startIndex !== node.endIndex) {
        tokens.push({
          type: node.type,
          row: node.startPosition.row,
          column: node.startPosition.column,
          endRow: node.endPosition.row,
          endColumn: node.endPosition.column,
        });
      }
    }
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descend = false;
  }
  cursor.delete();
  return tokens;
}

function bracketProblems(tokens: Token[]): LeanDiagnostic[] {
  const problems: LeanDiagnostic[] = [];
  const open: Token[] = [];
  for (const token of tokens) {
    if (token.type in OPENERS) {
      open.push(token);
    } else if (CLOSERS.has(token.type)) {
      const top = open[open.length - 1];
      if (top && OPENERS[top.type] === token.type) {
        open.pop();
      } else if (top) {
        // As CPython does: a closer of the wrong kind closes the innermost opener, reported as a mismatch.
        open.pop();
        problems.push(
          error(
            SYNTAX_CODES.unmatchedBracket,
            tokenRange(token),
            `Syntax error: closing '${token.type}' does not match the opening '${top.type}' on line ${top.row + 1}. Use '${OPENERS[top.type]}' here, or fix the opening bracket.`,
          ),
        );
      } else {
        problems.push(
          error(
            SYNTAX_CODES.unmatchedBracket,
            tokenRange(token),
            `Syntax error: unmatched '${token.type}'. Remove it or add the opening bracket.`,
          ),
        );
      }
    }
  }
  for (const token of open) {
    problems.push(
      error(
        SYNTAX_CODES.unclosedBracket,
        tokenRange(token),
        `Syntax error: '${token.type}' was never closed. Add the matching '${OPENERS[token.type]}'.`,
      ),
    );
  }
  return problems;
}

/** A `def`/`if`/`for`/... line whose logical line has no ':' outside brackets. */
function missingColons(tokens: Token[]): LeanDiagnostic[] {
  const problems: LeanDiagnostic[] = [];
  let depth = 0;
  let lineStart = true;
  let header: Token | undefined;
  let headerHasColon = false;
  let last: Token | undefined;
  const closeLogicalLine = () => {
    if (header && !headerHasColon && last) {
      problems.push(
        error(
          SYNTAX_CODES.missingColon,
          tokenRange(last),
          `Syntax error: expected ':' at the end of this '${header.type}' statement. Add ':' after its last token.`,
        ),
      );
    }
    header = undefined;
    headerHasColon = false;
  };
  for (const token of tokens) {
    // A logical line ends at a newline outside brackets, unless the line ends with a backslash.
    if (last && depth === 0 && token.row > last.endRow && last.type !== 'line_continuation') {
      closeLogicalLine();
      lineStart = true;
    }
    if (lineStart && depth === 0 && BLOCK_KEYWORDS.has(token.type)) {
      header = token;
    } else if (token.type === ':' && depth === 0 && header) {
      headerHasColon = true;
    }
    if (token.type in OPENERS) depth++;
    else if (CLOSERS.has(token.type)) depth = Math.max(0, depth - 1);
    lineStart = false;
    last = token;
  }
  // An unclosed bracket already explains a header that never ends; do not report it twice.
  if (depth === 0) closeLogicalLine();
  return problems;
}

function missingNodes(root: Node): LeanDiagnostic[] {
  const found: LeanDiagnostic[] = [];
  visitErrorPaths(root, (node) => {
    if (!node.isMissing) return true;
    const what = node.isNamed ? `a ${node.type.replace(/_/g, ' ')}` : `'${node.type}'`;
    found.push(error(SYNTAX_CODES.missingToken, widen(rangeOf(node)), `Syntax error: expected ${what} here.`));
    return false;
  });
  return found;
}

/** ERROR nodes that contain no other ERROR node: the tightest region tree-sitter could not parse. */
function innermostErrors(root: Node): { diagnostic: LeanDiagnostic; end: SourceRange }[] {
  const found: { diagnostic: LeanDiagnostic; end: SourceRange }[] = [];
  visitErrorPaths(root, (node) => {
    if (!node.isError) return true;
    if (node.children.some((child) => child?.hasError)) return true;
    const first = firstLeaf(node);
    const lineText = (first.text + node.text.slice(first.startIndex - node.startIndex + first.text.length)).split('\n', 1)[0] ?? '';
    const start = first.startPosition;
    const range: SourceRange = {
      startLine: start.row,
      startColumn: start.column,
      endLine: start.row,
      endColumn: start.column + Math.max(1, lineText.trimEnd().length),
    };
    const end = rangeOf(node);
    if (first.type === 'string_start') {
      const message = `Syntax error: unterminated string. Close it with ${first.text.replace(/^[a-zA-Z]+/, '')} on this line, or use triple quotes for text over several lines.`;
      found.push({ diagnostic: error(SYNTAX_CODES.unterminatedString, tokenRangeOf(first), message), end });
      return false;
    }
    const trimmed = lineText.trim();
    const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
    const message = `Syntax error: Python cannot parse "${shown}" here. Check this line and the end of the one before it.`;
    found.push({ diagnostic: error(SYNTAX_CODES.unexpected, range, message), end });
    return false;
  });
  return found;
}

function firstLeaf(node: Node): Node {
  let current = node;
  while (current.childCount > 0 && current.firstChild) current = current.firstChild;
  return current;
}

function tokenRangeOf(node: Node): SourceRange {
  return widen(rangeOf(node));
}

/** Depth-first over the subtrees that contain an error; `visit` returns whether to descend. */
function visitErrorPaths(node: Node, visit: (node: Node) => boolean): void {
  if (!node.hasError && !node.isMissing) return;
  if (!visit(node)) return;
  for (const child of node.children) if (child) visitErrorPaths(child, visit);
}

function dedupeByLine(diagnostics: LeanDiagnostic[]): LeanDiagnostic[] {
  const seen = new Set<number>();
  return diagnostics.filter((d) => !seen.has(d.range.startLine) && seen.add(d.range.startLine));
}

function byPosition(a: LeanDiagnostic, b: LeanDiagnostic): number {
  return a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn;
}

function rangeOf(node: Node): SourceRange {
  return {
    startLine: node.startPosition.row,
    startColumn: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}

function tokenRange(token: Token): SourceRange {
  return { startLine: token.row, startColumn: token.column, endLine: token.endRow, endColumn: token.endColumn };
}

/** A zero-width range is hard to see in an editor; cover the character before it instead. */
function widen(range: SourceRange): SourceRange {
  if (range.startLine !== range.endLine || range.startColumn !== range.endColumn) return range;
  return range.startColumn > 0 ? { ...range, startColumn: range.startColumn - 1 } : { ...range, endColumn: range.endColumn + 1 };
}

function error(code: string, range: SourceRange, message: string): LeanDiagnostic {
  return { code, severity: 'error', message, range };
}
