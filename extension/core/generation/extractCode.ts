// Pulls the Python algorithm out of an LLM's chat answer. Editor-agnostic (never imports vscode): the
// generation command, the CLI and the tests all call it on the raw text the model returned.
//
// Contract:
// - Never throws. An answer with code gives `ok: true` and the code, normalised (LF line ends, no BOM,
//   no trailing whitespace, uniform indentation removed, exactly one final newline) and otherwise as
//   the model wrote it: a missing `from AlgorithmImports import *` is NOT added, because the validator
//   reports that and offers the fix, and the user should see what the model actually produced.
// - `source` says whether the code came from Markdown fences or was cut out of unfenced prose.
// - `truncated` means the answer ended inside an open code fence (the model hit its max tokens); the
//   code is returned anyway so the validator can point at what is broken.
// - `notes` explain, for the user or a log, every judgement made (reasoning removed, blocks joined, ...).
// - Otherwise `ok: false` with a reason and a one-sentence message the user can act on.

export type Extraction =
  | { ok: true; code: string; source: 'fenced' | 'unfenced'; truncated: boolean; notes: string[] }
  | { ok: false; reason: 'empty' | 'no-code' | 'refusal'; message: string };

const MESSAGES = {
  empty: 'The model returned an empty answer; try again, and check that the model server is running and did not stop early.',
  prose: 'The model answered with prose only and no Python code; try rephrasing the request or a larger model.',
  reasoning:
    'The model spent its whole answer reasoning (a <think> block) and wrote no code; raise the max tokens for the model or ask again.',
  commands: 'The model answered with shell commands or data but no Python algorithm; ask it again for the algorithm code.',
} as const;

/** A LEAN algorithm: a class deriving from QCAlgorithm (as in leanFile.ts, but with the whole header written). */
const ALGORITHM_CLASS = /^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bQCAlgorithm\b[^)]*\)[ \t]*:/m;

const PYTHON_LANGS = new Set(['python', 'py', 'python3', 'py3', 'ipython', 'python-repl']);
const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'terminal', 'powershell', 'ps', 'ps1', 'cmd', 'bat', 'batch']);

/** Signals that an unlabelled code block is Python rather than output or prose. */
const PYTHON_SIGNAL =
  /^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]|import[ \t]+[\w.]+|def[ \t]+\w+[ \t]*\(|class[ \t]+\w+|@[\w.]+|self\.\w+|#[ \t]*region\b)/m;

/** One shell command line (optionally with a `$` prompt): `pip install ...`, `lean backtest "Project"`, ... */
const SHELL_COMMAND =
  /^[ \t]*(?:[$>][ \t]*)?(?:sudo[ \t]+)?(?:pip3?|lean|cd|docker|conda|git|mkdir|export|source|npm|npx|brew|apt|apt-get|curl|wget|ls|cat|echo|chmod|uv|poetry|python3?[ \t]+(?:-m[ \t]|\S+\.py\b))(?=[ \t]+[^=\s]|[ \t]*$)/;

/** Lines that can start a stretch of unfenced code: imports, class headers, `# region imports`. */
const IMPORT_LINE =
  /^(?:from[ \t]+[\w.]+[ \t]+import[ \t]+\S|import[ \t]+[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*[ \t]*(?:#.*)?$)/;
const CODE_START = [
  IMPORT_LINE,
  /^class[ \t]+\w+[ \t]*(?:\([^)]*\))?[ \t]*:/,
  /^#[ \t]*region\b/,
  /^def[ \t]+\w+[ \t]*\(.*:[ \t]*$/,
  /^@[\w.]+/,
];

/** Column-0 lines that continue unfenced code; any other column-0 line is prose and ends it. */
const TOP_LEVEL_CODE = [
  /^(?:from[ \t]+[\w.]+[ \t]+import[ \t]|import[ \t]+[\w.]|class[ \t]+\w+|def[ \t]+\w+[ \t]*\(|async[ \t]+def[ \t]|@[\w.]+|#|"""|'''|[)\]}])/,
  /^(?:if|elif|while|for|with)\b.*:[ \t]*(?:#.*)?$/,
  /^(?:else|try|finally)[ \t]*:/,
  /^except\b.*:/,
  // assignment, optionally annotated or augmented: `X = 1`, `a, b = f()`, `LOOKBACK: int = 20`, `x += 1`
  /^[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*(?::[ \t]*[\w.]+(?:\[[^\]]*\])?[ \t]*)?[-+*/%|&^]?=(?!=)/,
  /^[A-Za-z_][\w.]*\(.*\)[ \t]*$/,
];

/** Column-0 lines allowed in a block that only adds imports, constants or helpers to the algorithm. */
const MODULE_LINE =
  /^(?:from[ \t]+[\w.]+[ \t]+import[ \t]|import[ \t]|class[ \t]|def[ \t]|async[ \t]+def[ \t]|@|#|[)\]}]|[A-Z_][A-Z0-9_]*[ \t]*(?::[^=]+)?=)/;
/** The column-0 lines that say what such a block defines; used to skip blocks that add nothing new. */
const DEFINING_LINE = /^(?:from[ \t]|import[ \t]|class[ \t]|def[ \t]|async[ \t]+def[ \t]|[A-Z_][A-Z0-9_]*[ \t]*(?::[^=]+)?=)/;

const REFUSALS = [
  /\b(?:I|we)(?:[ \t]+(?:can(?:no|[’'])t|cannot|can[ \t]+not|won[’']t|will[ \t]+not|am[ \t]+unable[ \t]+to|am[ \t]+not[ \t]+able[ \t]+to|must[ \t]+decline[ \t]+to)|[’']m[ \t]+(?:unable|not[ \t]+able)[ \t]+to)[ \t]+(?:help|assist|provide|write|create|generate|comply|fulfil+|complete|support|give)\b/i,
  /\bI[ \t]+must[ \t]+decline\b/i,
  /\bnot[ \t]+something[ \t]+I[ \t]+can[ \t]+(?:help|do|assist)\b/i,
  /^\W*As[ \t]+an[ \t]+AI\b/i,
  /\bas[ \t]+an[ \t]+AI[ \t]+(?:language[ \t]+)?model\b/i,
];

const TRUNCATED_NOTE = 'The answer ended inside an unclosed code block (the model probably hit its max tokens), so the code is incomplete.';

interface Candidate {
  /** Tidied code, no final newline. */
  code: string;
  /** False only for a fence the answer never closed. */
  closed: boolean;
}

interface Picked {
  code: string;
  truncated: boolean;
  notes: string[];
}

interface Found extends Picked {
  source: 'fenced' | 'unfenced';
}

export function extractCode(answer: string): Extraction {
  const text = normaliseAnswer(answer);
  if (text.trim() === '') return { ok: false, reason: 'empty', message: MESSAGES.empty };

  const { visible, unfinished, removed } = splitReasoning(text);
  const notes: string[] = removed ? ["Removed the model's reasoning (<think> block) before extracting the code."] : [];
  let found = findCode(visible);
  let onlyCommands = found === 'commands';
  if (typeof found !== 'object' && unfinished !== undefined) {
    // `<think>` was never closed: the answer may still have written its code inside it.
    found = findCode(unfinished);
    onlyCommands ||= found === 'commands';
    if (typeof found === 'object') notes.push('The reasoning block (<think>) was never closed; took the code written inside it.');
  }
  if (typeof found === 'object') {
    return { ok: true, code: `${found.code}\n`, source: found.source, truncated: found.truncated, notes: [...notes, ...found.notes] };
  }

  const refusal = refusalSentence(visible);
  if (refusal !== undefined) {
    return {
      ok: false,
      reason: 'refusal',
      message: `The model declined the request ("${refusal}"); rephrase it as a request for a backtestable trading algorithm or try another model.`,
    };
  }
  if (onlyCommands) return { ok: false, reason: 'no-code', message: MESSAGES.commands };
  if (visible.trim() === '' && (removed || unfinished !== undefined)) return { ok: false, reason: 'no-code', message: MESSAGES.reasoning };
  return { ok: false, reason: 'no-code', message: MESSAGES.prose };
}

/** BOM and CR are never part of the code; chat-template end tokens leak from some local servers. */
function normaliseAnswer(answer: string): string {
  return answer
    .replace(/\uFEFF/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/<\|(?:im_end|endoftext|eot_id|end)\|>/g, '')
    .replace(/<\/s>\s*$/, '');
}

/**
 * Separates reasoning from the answer. Closed `<think>`/`<thinking>` blocks are dropped. A `</think>`
 * with no opener means the chat template opened the block in the prompt, so everything before it is
 * reasoning. An opener that never closes means the model was still reasoning when it stopped: what
 * follows it is returned as `unfinished`, to be searched only when the visible answer has no code.
 */
function splitReasoning(text: string): { visible: string; unfinished: string | undefined; removed: boolean } {
  let visible = text.replace(/<(think|thinking)>[\s\S]*?<\/\1>/gi, '');
  let removed = visible !== text;
  const closers = [...visible.matchAll(/<\/(?:think|thinking)>/gi)];
  const lastCloser = closers.at(-1);
  if (lastCloser) {
    visible = visible.slice(lastCloser.index + lastCloser[0].length);
    removed = true;
  }
  const opener = /<(?:think|thinking)>/i.exec(visible);
  if (!opener) return { visible, unfinished: undefined, removed };
  return { visible: visible.slice(0, opener.index), unfinished: visible.slice(opener.index + opener[0].length), removed };
}

/**
 * The code in one stretch of answer text. Fenced code with a QCAlgorithm class wins, then unfenced code
 * with one, then whatever other Python there is. 'commands' means only shell or data blocks were found.
 */
function findCode(text: string): Found | 'commands' | 'none' {
  const { blocks, prose } = scanFences(text.split('\n'));
  const python: Candidate[] = [];
  let ignored = 0;
  for (const block of blocks) {
    const code = tidy(block.lines);
    if (code === '') continue;
    if (classify(block.lang, code) === 'python') python.push({ code, closed: block.closed });
    else ignored += 1;
  }
  const unfenced = prose.flatMap(unfencedRegions).map((lines): Candidate => ({ code: tidy(lines), closed: true }));

  const ignoredNote =
    ignored > 0 ? [`Ignored ${ignored} code block${ignored === 1 ? '' : 's'} that held no Python (shell commands, data or output).`] : [];
  const unfencedNote = 'The answer had no fenced Python block; took the Python lines and left out the prose around them.';
  const fenced = pickAlgorithm(python);
  if (fenced) return { ...fenced, source: 'fenced', notes: [...fenced.notes, ...ignoredNote] };
  const loose = pickAlgorithm(unfenced);
  if (loose) return { ...loose, source: 'unfenced', notes: [unfencedNote, ...loose.notes] };
  const anyFenced = pickLargest(python);
  if (anyFenced) return { ...anyFenced, source: 'fenced', notes: [...anyFenced.notes, ...ignoredNote] };
  const anyLoose = pickLargest(unfenced);
  if (anyLoose) return { ...anyLoose, source: 'unfenced', notes: [unfencedNote, ...anyLoose.notes] };
  return ignored > 0 ? 'commands' : 'none';
}

interface Fence {
  indent: string;
  marker: string;
  lang: string;
}

/** Splits lines into fenced blocks and the prose segments between them (CommonMark fences, any indent). */
function scanFences(lines: string[]): { blocks: { lang: string; lines: string[]; closed: boolean }[]; prose: string[][] } {
  const blocks: { lang: string; lines: string[]; closed: boolean }[] = [];
  const prose: string[][] = [[]];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    i += 1;
    const fence = fenceOpener(line);
    if (!fence) {
      prose.at(-1)?.push(line);
      continue;
    }
    const body: string[] = [];
    let closed = false;
    while (i < lines.length && !closed) {
      const inner = lines[i] ?? '';
      i += 1;
      if (closesFence(inner, fence)) closed = true;
      // Inside a list item the code is indented like the fence; remove that much, as Markdown does.
      else body.push(removeIndent(inner, fence.indent.length));
    }
    blocks.push({ lang: fence.lang, lines: body, closed });
    prose.push([]);
  }
  return { blocks, prose };
}

function fenceOpener(line: string): Fence | undefined {
  const match = /^([ \t]*)(`{3,}|~{3,})(.*)$/.exec(line);
  if (!match) return undefined;
  const [, indent = '', marker = '', info = ''] = match;
  if (marker.startsWith('`') && info.includes('`')) return undefined; // inline ```code```, not a fence
  const lang = (info.trim().split(/\s+/)[0] ?? '').replace(/^[{.]+|}+$/g, '').toLowerCase();
  return { indent, marker, lang };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
  const marker = match?.[1];
  return marker !== undefined && marker[0] === fence.marker[0] && marker.length >= fence.marker.length;
}

function removeIndent(line: string, width: number): string {
  let cut = 0;
  while (cut < width && (line[cut] === ' ' || line[cut] === '\t')) cut += 1;
  return line.slice(cut);
}

/** What a block holds. Shell and JSON are checked even under a python label: models mislabel them. */
function classify(lang: string, code: string): 'python' | 'shell' | 'data' | 'other' {
  if (SHELL_LANGS.has(lang)) return 'shell';
  if (lang !== '' && !PYTHON_LANGS.has(lang)) return 'other';
  const lines = code.split('\n').filter((line) => line.trim() !== '');
  const commands = lines.filter((line) => SHELL_COMMAND.test(line)).length;
  if (commands > 0 && lines.every((line) => SHELL_COMMAND.test(line) || /^[ \t]*#/.test(line))) return 'shell';
  if (isJson(code)) return 'data';
  if (PYTHON_LANGS.has(lang)) return 'python';
  return PYTHON_SIGNAL.test(code) ? 'python' : 'other';
}

function isJson(code: string): boolean {
  if (!/^[[{]/.test(code.trim())) return false;
  try {
    JSON.parse(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stretches of unfenced Python in a prose segment. A stretch starts at an import, a class or def header
 * or `# region imports` (plus any comments right above it) and goes on over blank lines, indented lines
 * and column-0 lines that read as Python; the first column-0 line of prose ends it. Only stretches that
 * look like an algorithm or real code (a header with an indented body) count.
 */
function unfencedRegions(lines: string[]): string[][] {
  const regions: string[][] = [];
  let i = 0;
  while (i < lines.length) {
    if (!CODE_START.some((re) => re.test(lines[i] ?? ''))) {
      i += 1;
      continue;
    }
    let start = i;
    while (start > 0 && (lines[start - 1] ?? '').startsWith('#')) start -= 1;
    let end = i;
    let next = i + 1;
    for (; next < lines.length; next += 1) {
      const line = lines[next] ?? '';
      if (line.trim() === '') continue;
      if (/^\s/.test(line) || TOP_LEVEL_CODE.some((re) => re.test(line))) end = next;
      else break;
    }
    // A trailing column-0 comment is more likely a Markdown heading than part of the code.
    while (end > i && (lines[end] ?? '').startsWith('#') && !/^#[ \t]*endregion\b/.test(lines[end] ?? '')) end -= 1;
    const region = lines.slice(start, end + 1);
    if (looksLikeCode(region)) regions.push(region);
    i = Math.max(next, end + 1);
  }
  return regions;
}

function looksLikeCode(lines: string[]): boolean {
  const text = lines.join('\n');
  if (ALGORITHM_CLASS.test(text) || /\bAlgorithmImports\b/.test(text)) return true;
  return lines.some((line, k) => /^(?:class|def)[ \t].*:[ \t]*$/.test(line) && /^[ \t]+\S/.test(lines[k + 1] ?? ''));
}

/**
 * The algorithm among the Python candidates, in answer order. Several versions ("the original ... the
 * fixed version"): the last complete one; a truncated one only when none is complete. Candidates just
 * before it that only hold imports, constants or helpers (an algorithm split across blocks) are joined
 * in front of it, and helper classes or functions right after it are joined behind it.
 */
function pickAlgorithm(candidates: Candidate[]): Picked | undefined {
  const versions = candidates.flatMap((candidate, index) => (ALGORITHM_CLASS.test(candidate.code) ? [index] : []));
  const lastVersion = versions.at(-1);
  if (lastVersion === undefined) return undefined;
  const pick = versions.filter((index) => candidates[index]?.closed).at(-1) ?? lastVersion;
  const chosen = candidates[pick] as Candidate;
  const notes: string[] = [];
  if (versions.length > 1) notes.push(`The answer held ${versions.length} versions of the algorithm; took the last complete one.`);
  if (pick !== lastVersion)
    notes.push('The last version of the algorithm was cut off before it ended, so the previous complete one was used.');

  const before: string[] = [];
  for (let k = pick - 1; k >= 0; k -= 1) {
    const fragment = candidates[k] as Candidate;
    if (versions.includes(k) || !fragment.closed || !isModuleMaterial(fragment.code)) break;
    if (addsDefinitions(fragment.code, chosen.code)) before.unshift(fragment.code);
  }
  const after: string[] = [];
  for (let k = pick + 1; chosen.closed && k < candidates.length; k += 1) {
    const fragment = candidates[k] as Candidate;
    const helper =
      /^(?:class|def|async[ \t]+def)[ \t]/m.test(fragment.code) &&
      !/^(?:async[ \t]+)?def[ \t]+\w+[ \t]*\([ \t]*self\b/m.test(fragment.code);
    if (versions.includes(k) || !fragment.closed || !isModuleMaterial(fragment.code) || !helper) break;
    if (addsDefinitions(fragment.code, chosen.code)) after.push(fragment.code);
  }
  const parts = [...before, chosen.code, ...after];
  if (parts.length > 1) notes.push(`The algorithm was split over ${parts.length} code blocks; joined them in order.`);
  if (!chosen.closed) notes.push(TRUNCATED_NOTE);
  return { code: parts.join('\n\n'), truncated: !chosen.closed, notes };
}

/** No candidate defines a QCAlgorithm class: take the one the model was writing when cut off, else the largest. */
function pickLargest(candidates: Candidate[]): Picked | undefined {
  const last = candidates.at(-1);
  if (!last) return undefined;
  const size = (candidate: Candidate) => candidate.code.split('\n').filter((line) => line.trim() !== '').length;
  const chosen = !last.closed ? last : candidates.reduce((best, candidate) => (size(candidate) >= size(best) ? candidate : best));
  const notes = ['No code defines a QCAlgorithm subclass; took the most complete Python code in the answer.'];
  if (!chosen.closed) notes.push(TRUNCATED_NOTE);
  return { code: chosen.code, truncated: !chosen.closed, notes };
}

/** True when every column-0 line is an import, constant, comment, decorator or class/def header. */
function isModuleMaterial(code: string): boolean {
  return code
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .every((line) => MODULE_LINE.test(line));
}

/** True when the fragment imports or defines something the algorithm's own code does not already have. */
function addsDefinitions(fragment: string, algorithm: string): boolean {
  const existing = new Set(algorithm.split('\n').map((line) => line.trim()));
  return fragment.split('\n').some((line) => DEFINING_LINE.test(line) && !existing.has(line.trim()));
}

/** Trailing whitespace off, blank lines trimmed at both ends, common indentation removed. */
function tidy(lines: string[]): string {
  const stripped = lines.map((line) => line.replace(/\s+$/, ''));
  while (stripped.length > 0 && stripped[0] === '') stripped.shift();
  while (stripped.length > 0 && stripped.at(-1) === '') stripped.pop();
  const indents = stripped.filter((line) => line !== '').map((line) => /^[ \t]*/.exec(line)?.[0] ?? '');
  let common = indents[0] ?? '';
  for (const indent of indents) {
    while (!indent.startsWith(common)) common = common.slice(0, -1);
  }
  return stripped.map((line) => line.slice(common.length)).join('\n');
}

/** The refusal sentence (shortened) when the answer's opening declines the request. */
function refusalSentence(text: string): string | undefined {
  const opening = text.trim().slice(0, 600);
  if (!REFUSALS.some((re) => re.test(opening))) return undefined;
  const sentences = opening.split(/(?<=[.!?])\s+/).map((sentence) => sentence.replace(/\s+/g, ' ').trim());
  const sentence = sentences.find((candidate) => REFUSALS.some((re) => re.test(candidate))) ?? sentences[0] ?? '';
  return sentence.length > 100 ? `${sentence.slice(0, 99)}…` : sentence;
}
