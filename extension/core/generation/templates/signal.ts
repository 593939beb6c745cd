// Shared renderer of the single-asset signal families (crossovers, RSI, Bollinger, MACD, Donchian):
// each ticker is traded on its own indicators, long only. One ticker renders the plain LEAN idiom
// (`self._symbol`, `self._rsi`); several render one dict of indicators per name, keyed by Symbol.
import {
  backtestSentence,
  block,
  docstring,
  renderModule,
  resolution,
  setupLines,
  str,
  tickerWords,
  wrapList,
  type Method,
} from './python';
import {
  hasDrawdownGuard,
  hasStops,
  riskInitLines,
  riskMethods,
  riskSentence,
  sizingWords,
  weightExpression,
  type RiskShape,
} from './risk';
import type { FamilyTemplate, StrategySpec } from './types';

/** How a family's code refers to the traded symbol, its indicators and its per-symbol state. */
export interface SignalContext {
  multi: boolean;
  /** The symbol expression: `self._symbol`, or the loop variable `symbol`. */
  symbol: string;
  /** The statement that abandons this symbol for the bar: `return`, or `continue` inside the loop. */
  skip: string;
  /** An indicator: `self._rsi`, or `self._rsi[symbol]`. */
  ind(name: string): string;
  /** Reads per-symbol state (declared in `state`); `initial` is the value before the first store. */
  get(name: string, initial?: string): string;
  /** A statement that stores per-symbol state. */
  set(name: string, value: string): string;
}

export interface SignalPlan {
  /** Indicator attribute (without the underscore) → the Python call creating it for `symbol`. */
  indicators: { name: string; create(symbol: string): string }[];
  /** Indicators whose `is_ready` gates trading (the slowest is enough). */
  ready: string[];
  /** Bars of warm-up, at least the longest indicator period. */
  warmUp: number;
  /** Per-symbol values carried between bars, with their initial Python value. */
  state?: { name: string; initial: string }[];
  /** Runs on every bar with data, before the stops, so carried state never skips a bar. */
  track?: string[];
  /** Computes the local values `entry` and `exit` read. */
  values: string[];
  entry: string;
  exit: string;
  /** Exit test while holding, when it is more than `exit` (e.g. an ATR stop). */
  holdingExit?: string;
  whileHolding?: string[];
  afterEntry?: string[];
  /** What the strategy does, with its parameters, for the docstring. */
  description: string;
}

const SHAPE: RiskShape = { unit: 'symbol', shorts: false, lockout: true };

export function signalContext(multi: boolean): SignalContext {
  return multi
    ? {
        multi,
        symbol: 'symbol',
        skip: 'continue',
        ind: (name) => `self._${name}[symbol]`,
        get: (name, initial) => `self._${name}.get(symbol${initial === undefined || initial === 'None' ? '' : `, ${initial}`})`,
        set: (name, value) => `self._${name}[symbol] = ${value}`,
      }
    : {
        multi,
        symbol: 'self._symbol',
        skip: 'return',
        ind: (name) => `self._${name}`,
        get: (name) => `self._${name}`,
        set: (name, value) => `self._${name} = ${value}`,
      };
}

export function renderSignalStrategy(spec: StrategySpec, family: FamilyTemplate, build: (ctx: SignalContext) => SignalPlan): string {
  const multi = spec.tickers.length > 1;
  const ctx = signalContext(multi);
  const plan = build(ctx);
  const res = resolution(spec.resolution);
  const stops = hasStops(spec.risk);
  const guard = hasDrawdownGuard(spec.risk);

  const init = setupLines(spec);
  if (multi) {
    init.push(...wrapList('tickers = ', spec.tickers.map(str), '', 2), 'self._symbols = []');
    for (const indicator of plan.indicators) init.push(`self._${indicator.name} = {}`);
    for (const state of plan.state ?? []) init.push(`self._${state.name} = {}`);
    init.push(
      ...block('for ticker in tickers:', [
        `symbol = self.add_equity(ticker, ${res}).symbol`,
        'self._symbols.append(symbol)',
        ...plan.indicators.map((indicator) => `self._${indicator.name}[symbol] = ${indicator.create('symbol')}`),
      ]),
    );
  } else {
    init.push(`self._symbol = self.add_equity(${str(spec.tickers[0]!)}, ${res}).symbol`);
    for (const indicator of plan.indicators) init.push(`self._${indicator.name} = ${indicator.create('self._symbol')}`);
    for (const state of plan.state ?? []) init.push(`self._${state.name} = ${state.initial}`);
  }
  init.push(`self.set_warm_up(${plan.warmUp})`, ...riskInitLines(spec.risk, SHAPE));

  const notReady = plan.ready.map((name) => `not ${ctx.ind(name)}.is_ready`).join(' or ');
  const perSymbol: string[] = [...(plan.track ?? [])];
  if (stops) perSymbol.push(...block(`if self._check_stops(${ctx.symbol}):`, [ctx.skip]));
  perSymbol.push(...plan.values, ...positionBlock(spec, ctx, plan, stops));

  const onData: string[] = [];
  if (multi) {
    onData.push(...block(`if self.is_warming_up${guard ? ' or self._drawdown_halted()' : ''}:`, ['return']));
    onData.push(
      ...block('for symbol in self._symbols:', [
        ...block(`if ${notReady} or not data.bars.contains_key(symbol):`, ['continue']),
        ...perSymbol,
      ]),
    );
  } else {
    onData.push(...block(`if self.is_warming_up or ${notReady}:`, ['return']));
    const noData = 'not data.bars.contains_key(self._symbol)';
    onData.push(...block(`if ${guard ? `self._drawdown_halted() or ${noData}` : noData}:`, ['return']), ...perSymbol);
  }

  const methods: Method[] = [
    { signature: 'def initialize(self):', body: init },
    { signature: 'def on_data(self, data: Slice):', body: onData },
    ...riskMethods(spec.risk, SHAPE),
  ];
  const sizing = multi ? `an equal 1/${spec.tickers.length} of the portfolio per ticker` : 'the whole portfolio in one position';
  const doc = docstring(`${family.title} on ${tickerWords(spec.tickers)}.`, [
    `${plan.description} ${multi ? 'Each ticker is traded on its own signal. ' : ''}${backtestSentence(spec)}`,
    riskSentence(spec, sizingWords(spec, sizing)),
  ]);
  return renderModule(spec.className ?? family.className, doc, methods);
}

/**
 * Holding: exit on the exit signal. Stopped out: wait for the exit signal before the symbol may be
 * bought again. Flat: enter on the entry signal.
 */
function positionBlock(spec: StrategySpec, ctx: SignalContext, plan: SignalPlan, stops: boolean): string[] {
  const weight = weightExpression(spec, ctx.multi ? `1 / ${spec.tickers.length}` : '1');
  const lines = [
    ...block(`if self.portfolio[${ctx.symbol}].invested:`, [
      ...(plan.whileHolding ?? []),
      ...block(`if ${plan.holdingExit ?? plan.exit}:`, [`self.liquidate(${ctx.symbol})`]),
    ]),
  ];
  if (stops) {
    lines.push(
      ...block(`elif ${ctx.symbol} in self._stopped:`, [
        '# Stopped out: wait for the exit signal so the same signal is not bought twice.',
        ...block(`if ${plan.exit}:`, [`self._stopped.discard(${ctx.symbol})`]),
      ]),
    );
  }
  lines.push(...block(`elif ${plan.entry}:`, [`self.set_holdings(${ctx.symbol}, ${weight})`, ...(plan.afterEntry ?? [])]));
  return lines;
}
