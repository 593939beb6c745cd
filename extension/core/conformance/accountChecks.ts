// The backtest's account and period: set_cash with the starting cash asked for, set_start_date and
// set_end_date with the dates asked for.
import type { Read, StrategyRequest } from '../request/types';
import { callsNamed, numbersIn, rangeOf, reachable, sameNumber, stringsIn, type CallFact, type CodeFacts } from './codeFacts';
import { mismatch, type RequestMismatch } from './mismatch';
import { descendants } from './pythonTree';

/** LEAN's starting cash when an algorithm sets none. */
const LEAN_DEFAULT_CASH = 100_000;

const MONTHS = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

function money(value: number): string {
  return `$${value.toLocaleString('en-US')}`;
}

export function checkCash(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const read = request.cash;
  if (!read) return [];
  const wanted = read.value;
  const meaning = `${money(wanted)} of starting cash`;
  const calls = callsNamed(facts, 'set_cash');
  if (calls.length === 0) {
    if (sameNumber(wanted, LEAN_DEFAULT_CASH)) return [];
    return [
      mismatch(
        'cash',
        request,
        read.span,
        meaning,
        `the code never calls set_cash, so LEAN starts with ${money(LEAN_DEFAULT_CASH)}; call self.set_cash(${wanted}).`,
      ),
    ];
  }
  const written = calls.map((c) => ({ call: c, numbers: c.positional.flatMap((a) => numbersIn(facts, reachable(facts, a, 100))) }));
  // A cash amount read from a parameter or computed cannot be compared.
  if (written.some((w) => w.numbers.length === 0 || w.numbers.some((n) => sameNumber(n, wanted)))) return [];
  const first = written[0]!;
  return [
    mismatch(
      'cash',
      request,
      read.span,
      meaning,
      `the code sets ${money(first.numbers[first.numbers.length - 1]!)}; call self.set_cash(${wanted}).`,
      rangeOf(facts, first.call.node),
    ),
  ];
}

export function checkPeriod(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const out: RequestMismatch[] = [];
  const ends: [Read<string> | undefined, string, string][] = [
    [request.period.start, 'set_start_date', 'a start on'],
    [request.period.end, 'set_end_date', 'an end on'],
  ];
  for (const [read, method, words] of ends) {
    if (!read) continue;
    const problem = dateProblem(facts, request, read, method);
    if (problem) out.push(mismatch('period', request, read.span, `${words} ${read.value}`, problem.does, problem.range));
  }
  return out;
}

function dateProblem(facts: CodeFacts, request: StrategyRequest, read: Read<string>, method: string) {
  const wanted = /^(\d{4})-(\d{2})-(\d{2})/.exec(read.value);
  if (!wanted) return undefined;
  const calls = callsNamed(facts, method);
  if (calls.length === 0) return { does: `the code never calls ${method}; call self.${method}(${isoArgs(read.value)}).`, range: undefined };
  // "from 2020" names a year only: the month and day the code picks are its own.
  const said = request.prompt.slice(read.span.start, read.span.end);
  const yearOnly = !MONTHS.test(said) && (said.match(/\d+/g) ?? []).length <= 1;
  const dates = calls.map((c) => dateOf(facts, c));
  const fits = (date: number[] | undefined) =>
    date === undefined ||
    (date[0] === Number(wanted[1]) &&
      (yearOnly || (date[1] === Number(wanted[2]) && (date[2] === undefined || date[2] === Number(wanted[3])))));
  if (dates.some(fits)) return undefined;
  const found = dates[0]!;
  const shown = found.map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join('-');
  return { does: `the code sets ${shown}; call self.${method}(${isoArgs(read.value)}).`, range: rangeOf(facts, calls[0]!.node) };
}

function isoArgs(iso: string): string {
  return iso
    .split('-')
    .map((part) => String(Number(part)))
    .join(', ');
}

/** Year, month and day a set_*_date call writes (`(2020, 1, 1)`, `datetime(2020, 1, 1)`, `"2020-01-01"`); undefined when computed. */
function dateOf(facts: CodeFacts, call: CallFact): number[] | undefined {
  const numbers: number[] = [];
  for (const arg of call.positional) {
    for (const node of descendants(arg)) {
      if (node.type === 'integer') numbers.push(Number(facts.source.slice(node.start, node.end).replace(/_/g, '')));
    }
  }
  if (numbers.length > 0 && numbers[0]! >= 1900) return numbers.slice(0, 3);
  const iso = stringsIn(
    facts,
    call.positional.flatMap((a) => reachable(facts, a, 100)),
  )
    .map((s) => /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s))
    .find((m) => m !== null);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const assigned = call.positional.flatMap((a) => numbersIn(facts, reachable(facts, a, 100)));
  return assigned.length > 0 && assigned[0]! >= 1900 ? assigned.slice(0, 3) : undefined;
}
