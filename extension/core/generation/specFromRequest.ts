// The offline generator's plan: the template spec that does as much of a request as the template
// library can, and a gap, tagged with the request field it is about, for each thing it cannot do. The
// request (extension/core/request) is the one reading of the prompt; the older template reader is
// asked only which family fits when the prompt names no signal ("mean reversion on AAPL").
import type { BarSize, Read, Signal, SignalKind, StrategyRequest } from '../request/types';
import type { RequestField } from '../request/types';
import { windowlessDecline } from './compose/calendarBlocks';
import { planPeriod } from './compose/defaultPeriod';
import { readPrompt } from './promptReader';
import {
  DEFAULT_CASH,
  DEFAULT_END,
  DEFAULT_START,
  defaultSpec,
  familyById,
  normalizeSpec,
  type DateTriple,
  type FamilyId,
  type FamilyTemplate,
  type Resolution,
  type RiskSpec,
  type StrategySpec,
} from './templates';

/** What every decline ends with: how to get the strategy written after all. */
export const NEEDS_MODEL =
  'Configure a model endpoint (the leanAuthor.generation.endpoints setting, or --base-url and --model) or the local model server to write it.';

/** Something the request asks that the written code does not do, as one plain sentence. */
export interface Gap {
  field: RequestField;
  /** Other fields the sentence is about too (words not understood may touch several). */
  also?: RequestField[];
  sentence: string;
}

export interface OfflinePlan {
  spec: StrategySpec;
  /** What was assumed where the prompt is silent (defaults); never about something it states. */
  notes: string[];
  gaps: Gap[];
  /** Set when the template library cannot write the core of the strategy: nothing is written. */
  decline?: string;
}

/** The family that trades each signal kind, and the family parameter each request number sets. */
const FAMILY_OF: Partial<Record<SignalKind, { family: FamilyId; params: Record<string, string> }>> = {
  'sma-crossover': { family: 'sma-crossover', params: { fast: 'fast', slow: 'slow' } },
  'ema-crossover': { family: 'ema-crossover', params: { fast: 'fast', slow: 'slow' } },
  rsi: { family: 'rsi-mean-reversion', params: { period: 'period', lower: 'oversold', upper: 'overbought' } },
  bollinger: { family: 'bollinger-reversion', params: { period: 'period', std: 'k' } },
  macd: { family: 'macd-momentum', params: { fast: 'fast', slow: 'slow', signal: 'signal' } },
  donchian: { family: 'donchian-breakout', params: { period: 'entryPeriod', exit: 'exitPeriod' } },
  pairs: { family: 'pairs-trading', params: { period: 'lookback', entry: 'entryZ', exit: 'exitZ' } },
  momentum: { family: 'momentum-rotation', params: { period: 'lookback', top: 'topK' } },
  'alpha-formula': { family: 'alpha-factor', params: {} },
};

/** What each signal kind is called in a sentence. */
export const SIGNAL_NAMES: Readonly<Record<SignalKind, string>> = {
  'sma-crossover': 'a simple moving-average crossover',
  'ema-crossover': 'an exponential moving-average crossover',
  rsi: 'an RSI rule',
  bollinger: 'a Bollinger band rule',
  macd: 'a MACD rule',
  donchian: 'a Donchian channel breakout',
  keltner: 'a Keltner channel rule',
  zscore: 'a z-score rule',
  momentum: 'momentum ranking',
  pairs: 'a pairs trade',
  vwap: 'a VWAP rule',
  gap: 'a gap rule',
  calendar: 'a calendar rule',
  'alpha-formula': 'an alpha formula',
  'buy-and-hold': 'buy and hold',
};

/** The families whose code holds short positions too (the rest buy and sell only). */
export const LONG_SHORT_FAMILIES: ReadonlySet<FamilyId> = new Set(['pairs-trading', 'alpha-factor']);

/** The family that writes a z-score rule: the spread of a pair, when two instruments are named. */
function familyFor(signal: Signal, request: StrategyRequest): { family: FamilyId; params: Record<string, string> } | undefined {
  if (signal.kind === 'zscore' && tradable(request).length === 2) return { family: 'pairs-trading', params: FAMILY_OF.pairs!.params };
  return FAMILY_OF[signal.kind];
}

function tradable(request: StrategyRequest): string[] {
  return request.instruments.filter((i) => i.securityType === 'equity' || i.securityType === 'etf').map((i) => i.symbol);
}

/** The prompt's own words for a read value, in quotes, for gap sentences. */
export function quote(request: StrategyRequest, read: { span: { start: number; end: number } }): string {
  return `"${request.prompt.slice(read.span.start, read.span.end)}"`;
}

export function planFromRequest(request: StrategyRequest, prompt: string): OfflinePlan {
  const notes: string[] = [];
  const gaps: Gap[] = [];
  const core = request.signals[0];
  const mapping = core ? familyFor(core, request) : undefined;
  // The composer writes calendar rules, on a named instrument; one without comes here.
  if (core?.kind === 'calendar')
    return {
      spec: readPrompt(prompt).spec,
      notes,
      gaps,
      decline: `${core.calendar ? `The offline generator writes a calendar rule (${quote(request, core)}) on a named US stock, ETF or index, and the prompt names none; name the one to trade.` : windowlessDecline(request, core)} ${NEEDS_MODEL}`,
    };
  if (core && !mapping) {
    return {
      spec: readPrompt(prompt).spec,
      notes,
      gaps,
      decline: `The offline generator cannot write ${SIGNAL_NAMES[core.kind]} (${quote(request, core)}): it has no block for it (it writes moving-average crossovers, RSI, Bollinger, MACD, Donchian, Keltner, z-score, VWAP, gap and calendar rules, momentum, rotations, pairs, fixed weights and alpha factors). ${NEEDS_MODEL}`,
    };
  }
  if (!core && request.sizing?.value.kind === 'weights') {
    return {
      spec: readPrompt(prompt).spec,
      notes,
      gaps,
      decline: `The offline generator cannot write a fixed-weight portfolio (${quote(request, request.sizing)}): its templates trade signals, not fixed weights. ${NEEDS_MODEL}`,
    };
  }
  if (request.universe && tradable(request).length === 0) {
    return {
      spec: readPrompt(prompt).spec,
      notes,
      gaps,
      decline: `The offline generator cannot select a universe (${quote(request, request.universe)}): its templates trade a fixed list of tickers, and the prompt names none to trade instead. Name the tickers to trade. ${NEEDS_MODEL}`,
    };
  }
  const fallback = readPrompt(prompt);
  const family = familyById(mapping?.family ?? fallback.spec.family);
  if (!core) notes.push(...fallback.notes.filter((n) => n.startsWith('No strategy type recognised')));

  const params: Record<string, number> = {};
  for (const [name, read] of Object.entries(core?.params ?? {})) {
    const target = mapping?.params[name];
    if (target) params[target] = read.value;
    else
      gaps.push({
        field: 'numbers',
        sentence: `The prompt's ${name} ${quote(request, read)} is not used: ${family.title} has no such setting.`,
      });
  }
  for (const signal of request.signals.slice(1)) {
    if (familyFor(signal, request)?.family !== family.id)
      gaps.push({
        field: 'rules',
        sentence: `The prompt also asks for ${SIGNAL_NAMES[signal.kind]} (${quote(request, signal)}); the code trades ${family.title} only.`,
      });
  }
  if (core?.kind === 'alpha-formula')
    gaps.push({
      field: 'rules',
      sentence: `The prompt's formula (${quote(request, core)}) is not written; the code ranks by the alpha-factor template's own factor.`,
    });

  const tickers = fitTickers(family, tradable(request), fallback.spec.tickers, request, gaps);
  const spec: StrategySpec = {
    family: family.id,
    tickers,
    resolution: resolutionOf(request, fallback.spec.resolution),
    startDate: dateOf(request.period.start) ?? [...DEFAULT_START],
    endDate: dateOf(request.period.end) ?? [...DEFAULT_END],
    cash: request.cash?.value ?? DEFAULT_CASH,
    params: { ...params, ...scheduleParam(family, request, gaps) },
    risk: riskOf(request, gaps),
  };
  const normalized = withPeriod(request, spec, normalizeOrDefaults(spec, family, gaps), notes);
  if (!request.cash) notes.push(`No starting cash stated; assumed $${DEFAULT_CASH.toLocaleString('en-US')}.`);
  const unstated = family.params.filter((p) => spec.params[p.name] === undefined);
  if (unstated.length)
    notes.push(
      `Not stated, so ${family.title} defaults were used: ${unstated.map((p) => `${p.name} ${p.choices?.[p.default] ?? p.default}`).join(', ')}.`,
    );
  for (const [name, read] of Object.entries(core?.params ?? {})) {
    const target = mapping?.params[name];
    const used = target === undefined ? undefined : normalized.params[target];
    if (used !== undefined && used !== read.value)
      gaps.push({
        field: 'numbers',
        sentence: `The prompt asks for ${name} ${quote(request, read)}; the code uses ${used}, the nearest ${family.title} allows.`,
      });
  }
  sizingGaps(request, family, gaps);
  otherGaps(request, gaps);
  return { spec: normalized, notes, gaps };
}

/**
 * The spec normalized, or the nearest valid one: the family's default parameters, then its default
 * tickers, then its default period and cash. Each step gives up only what broke a template rule,
 * and the gap says what was given up and why.
 */
function normalizeOrDefaults(spec: StrategySpec, family: FamilyTemplate, gaps: Gap[]): StrategySpec {
  const template = defaultSpec(family.id);
  const steps: [StrategySpec, Gap['field'], string][] = [
    [spec, 'numbers', ''],
    [{ ...spec, params: { ...family.defaults } }, 'numbers', "the template's default parameters"],
    [
      { ...template, startDate: spec.startDate, endDate: spec.endDate, cash: spec.cash },
      'instruments',
      "the template's own tickers and parameters",
    ],
    [template, 'period', "the template's default tickers, parameters, period and cash"],
  ];
  let reason = '';
  for (const [candidate, field, used] of steps) {
    try {
      const normalized = normalizeSpec(candidate);
      if (used)
        gaps.push({
          field: fieldOf(reason, field),
          sentence: `What was asked cannot make a valid ${family.title} (${reason}); the code uses ${used} instead.`,
        });
      return normalized;
    } catch (error) {
      reason ||= (error as Error).message;
    }
  }
  return template;
}

/**
 * The normalized spec with its period planned as the composer plans one: a default start no earlier than
 * the traded tickers' first trades, defaults named in `notes`. Left alone when normalizing replaced the
 * period with the template's (a gap already says so).
 */
function withPeriod(request: StrategyRequest, asked: StrategySpec, normalized: StrategySpec, notes: string[]): StrategySpec {
  if (String(normalized.startDate) !== String(asked.startDate) || String(normalized.endDate) !== String(asked.endDate)) return normalized;
  const traded = normalized.tickers.map((symbol) => ({ symbol, type: 'equity' as const, market: 'usa' }));
  const period = planPeriod({ start: dateOf(request.period.start), end: dateOf(request.period.end) }, traded);
  notes.push(...period.notes);
  return { ...normalized, startDate: period.start, endDate: period.end };
}

/** The field a template rule is about: dates are the period, cash the cash, anything else the step's. */
function fieldOf(reason: string, field: Gap['field']): Gap['field'] {
  if (/startDate|endDate/.test(reason)) return 'period';
  if (/\bcash\b/.test(reason)) return 'cash';
  return field;
}

function fitTickers(family: FamilyTemplate, asked: string[], fallback: string[], request: StrategyRequest, gaps: Gap[]): string[] {
  if (asked.length === 0) {
    // No equity named: the template's own tickers (offlineCoverage says so when the prompt named others).
    const tickers = fallback.length >= family.minTickers ? fallback.slice(0, family.maxTickers) : [...family.defaultTickers];
    // Trading tickers nobody named is part of what the code does differently: said with the gaps, not as a note.
    if (request.instruments.length === 0 && !request.problems.some((p) => p.kind === 'unknown-ticker'))
      gaps.push({
        field: 'instruments',
        sentence: `No ticker was recognised in the prompt; the code trades ${tickers.join(', ')}, the template's own.`,
      });
    return tickers;
  }
  const kept = asked.slice(0, family.maxTickers);
  for (const extra of family.defaultTickers) if (kept.length < family.minTickers && !kept.includes(extra)) kept.push(extra);
  return kept;
}

/** The native resolution whose bars build the request's: 4-hour bars from hourly, 15-minute from minute, weekly from daily. */
const NEAREST: Readonly<Record<BarSize['unit'], Resolution>> = {
  second: 'MINUTE',
  minute: 'MINUTE',
  hour: 'HOUR',
  day: 'DAILY',
  week: 'DAILY',
};

/**
 * The request's bar when LEAN has it natively; for a consolidated size (which the templates do not
 * build) the nearest native one below it, and offlineCoverage says the bars differ; the old reading when none is stated.
 */
function resolutionOf(request: StrategyRequest, fallback: Resolution): Resolution {
  const bar = request.bar?.value;
  return bar ? NEAREST[bar.unit] : fallback;
}

/** An ISO date read from the prompt as `[year, month, day]`. */
export function dateOf(read: Read<string> | undefined): DateTriple | undefined {
  const m = read && /^(\d{4})-(\d{2})-(\d{2})$/.exec(read.value);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function riskOf(request: StrategyRequest, gaps: Gap[]): RiskSpec {
  const risk: RiskSpec = {};
  const { stopLoss, trailingStop, takeProfit, timeExit, maxDrawdown, flatBy } = request.risk;
  const not = (read: { span: { start: number; end: number } }, what: string) =>
    gaps.push({ field: 'risk', sentence: `${what} (${quote(request, read)}) is not in the code: the offline templates do not write it.` });
  if (stopLoss?.value.unit === 'fraction') risk.stopLossPct = stopLoss.value.amount;
  else if (stopLoss) not(stopLoss, 'The stop loss');
  if (trailingStop?.value.unit === 'fraction') risk.trailingStopPct = trailingStop.value.amount;
  else if (trailingStop) not(trailingStop, 'The trailing stop');
  if (takeProfit) not(takeProfit, 'The take profit');
  if (timeExit) not(timeExit, 'The time exit');
  if (flatBy) not(flatBy, 'Going flat by a time of day');
  if (maxDrawdown) risk.maxDrawdownPct = maxDrawdown.value;
  const sizing = request.sizing?.value;
  if (sizing?.kind === 'fixed-fraction') risk.positionSize = sizing.fraction;
  return risk;
}

/** The rotation families' rebalance choice from the request's schedule; a gap for any schedule the family cannot keep. */
function scheduleParam(family: FamilyTemplate, request: StrategyRequest, gaps: Gap[]): Record<string, number> {
  const schedule = request.schedule;
  if (!schedule) return {};
  const { every, weekday, at, time } = schedule.value;
  const startOfWeek = every === 'week' && (weekday === undefined || weekday === 'monday') && at !== 'end';
  let choice: number | undefined;
  if (family.id === 'momentum-rotation') {
    if (every === 'month' && at !== 'end') choice = 0;
    else if (startOfWeek) choice = 1;
  } else if (family.id === 'alpha-factor') {
    if (every === 'day') choice = 0;
    else if (startOfWeek) choice = 1;
  } else if (every === 'day') {
    choice = -1;
  }
  if (choice === undefined || time !== undefined)
    gaps.push({
      field: 'schedule',
      sentence: `The schedule (${quote(request, schedule)}) is not kept: ${family.title} ${family.id === 'momentum-rotation' ? 'rebalances at the start of each month or week' : family.id === 'alpha-factor' ? 'rebalances daily or at the start of each week' : 'trades on its signal, bar by bar'}.`,
    });
  return choice === undefined || choice < 0 ? {} : { rebalance: choice };
}

function sizingGaps(request: StrategyRequest, family: FamilyTemplate, gaps: Gap[]): void {
  const sizing = request.sizing;
  if (!sizing) return;
  const kind = sizing.value.kind;
  if (kind === 'fixed-fraction' || kind === 'equal-weight') return;
  gaps.push({
    field: 'sizing',
    sentence: `The sizing (${quote(request, sizing)}) is not kept: ${family.title} sizes ${LONG_SHORT_FAMILIES.has(family.id) ? 'its legs' : 'positions'} in equal weight.`,
  });
}

function otherGaps(request: StrategyRequest, gaps: Gap[]): void {
  if (request.universe)
    gaps.push({
      field: 'universe',
      sentence: `The universe (${quote(request, request.universe)}) is not selected: the offline templates trade a fixed list of tickers.`,
    });
  for (const filter of request.filters)
    gaps.push({
      field: 'filters',
      sentence: `The filter ${quote(request, filter)} is not applied: the offline templates have no filters.`,
    });
  // A rule picked by the market's regime is the composer's; a template trades its rule in every regime.
  for (const signal of request.signals)
    if (signal.regime)
      gaps.push({
        field: 'filters',
        sentence: `The regime ${quote(request, signal.regime)} that picks ${SIGNAL_NAMES[signal.kind]} is not applied: the offline templates trade one rule in every regime.`,
      });
}
