// The composing renderer: Python source from a compose plan, assembled from the parts each plan field
// selects (instrument adapters, bar building, a signal block, sizing, risk overlays, a schedule, filters).
// Every composed algorithm has one shape, so any combination of parts fits together:
//   initialize  dates, cash, brokerage, per-symbol dictionaries, the instruments, warm-up, schedules
//   _track      one security's indicators and, for a consolidated bar, its consolidator
//   on_data     native bars to `_on_bar`; a future's roll onto its new mapped contract
//   _on_bar     feeds one bar (native or consolidated) to the symbol's indicators, then trades
//   _trade      readiness, risk exits, the signal's four conditions, the filters, the orders
// With regime selection (regimeBlocks.ts) `_trade` reads each regime's rule in a method of its own, takes
// the conditions of the regime's one, and closes the position when the regime changes.
// Nothing reads an indicator before `is_ready`, and warm-up covers the longest indicator on its bar.
import { block, docstring, listWords, methodDoc, num, renderModule, str, type Method } from '../templates/python';
import { isoDate, money } from '../templates/python';
import { barsPerYear, barWords, consolidationPeriod, warmUpDays } from './barBuilding';
import type { ComposePlan, PerSymbolKind, PlannedInstrument } from './composeTypes';
import { addLines, brokerageLine, quotesOnly, trackLines, tradesMapped } from './instrumentAdapters';
import {
  clockParts,
  distanceExpression,
  distanceWords,
  drawdownBody,
  entryStateLines,
  hasExits,
  riskExitBody,
  riskIndicators,
  riskStateLines,
} from './riskOverlays';
import { filterParts, type FilterParts } from './filterGates';
import { calendarSymbol, scheduleCall, scheduleGuard, scheduleWords } from './scheduleRules';
import { securitiesChanged, universeInitLines, universeMethods } from './universeSelection';
import { chainLines, optionInitLines, optionMethods, optionRiskBody } from './optionLegs';
import { signalBlock, type IndicatorPart, type SignalBlock } from './signalBlocks';
import { isPortfolio, pairsMethod, portfolioWarmUp, portfolioWindow, rotationMethod } from './portfolioBlocks';
import { alphaMethods, alphaSignal } from './alphaBlocks';
import { calendarBlock, calendarMethods, calendarSchedules } from './calendarBlocks';
import {
  regimeFlipLines,
  regimeMeasureParts,
  regimeMethods,
  regimeOnBarLines,
  regimeSelectLines,
  regimeSignal,
  regimeTrackLines,
  regimeWords,
} from './regimeBlocks';

export function renderComposed(plan: ComposePlan): string {
  const portfolio = isPortfolio(plan);
  const signal = plan.regimes
    ? regimeSignal(plan)
    : portfolio
      ? plan.signal.kind === 'alpha-formula'
        ? alphaSignal(plan)
        : portfolioSignal(plan)
      : plan.signal.kind === 'calendar'
        ? calendarBlock(plan)
        : signalBlock(plan.signal.kind as PerSymbolKind, plan.signal.params, plan.signal.gapMode);
  // A regime's measure is read like a filter's: its indicators, its VIX subscription, its warm-up.
  const filters = plan.regimes ? regimeMeasureParts(plan, filterParts(plan)) : filterParts(plan);
  const sizingIndicators = sizingParts(plan);
  const risky = plan.signal.kind === 'pairs' ? [] : riskIndicators(plan.risk, atrSized(plan));
  const indicators = dedupe([...signal.indicators, ...risky, ...sizingIndicators, ...filters.indicators]);
  const scheduled = plan.schedule !== undefined;
  const mapped = tradesMapped(plan.instruments);
  const traded = (symbol: string) => (mapped ? `self._contract(${symbol})` : symbol);
  const methods: Method[] = [
    { signature: 'def initialize(self):', body: initializeBody(plan, signal, indicators, filters) },
    {
      signature: 'def _track(self, security):',
      body: [...methodDoc("Creates one traded security's indicators and bars."), ...trackBody(plan, signal, indicators, filters)],
    },
  ];
  if (plan.universe)
    methods.push(
      ...universeMethods(plan.universe),
      securitiesChanged([...indicators.map((i) => i.name), ...Object.keys(signal.keep ?? {})], plan.bar.consolidated, filters.references),
    );
  // An alpha book without indicators or exits reads its bars from history, and has none to feed.
  // A calendar rule trades on scheduled events: its bars feed only its indicators, exits and consolidator.
  const barless = plan.signal.kind === 'alpha-formula' || (plan.signal.kind === 'calendar' && !plan.bar.consolidated);
  const fed = !barless || indicators.length > 0 || hasExits(plan.risk);
  const onData = fed ? onDataBody(plan, mapped) : [];
  if (onData.length) methods.push({ signature: 'def on_data(self, data: Slice):', body: onData });
  if (fed)
    methods.push({
      signature: 'def _on_bar(self, bar):',
      body: [
        ...methodDoc(
          plan.signal.kind === 'calendar'
            ? `Feeds one ${barWords(plan.bar.size).replace(/s$/, '')} to the symbol's indicators and risk exits.`
            : `Feeds one ${barWords(plan.bar.size).replace(/s$/, '')} to the symbol's indicators${scheduled ? '' : ', then trades on it'}.`,
          ...(plan.signal.kind === 'calendar' ? ['The calendar rule itself trades on its scheduled events.'] : []),
        ),
        ...onBarBody(plan, indicators),
      ],
    });
  if (scheduled)
    methods.push({
      signature: 'def _on_schedule(self):',
      body: [...methodDoc('Evaluates the rules at the scheduled time.'), ...scheduleBody(plan)],
    });
  if (plan.signal.kind === 'rotation') methods.push(...rotationMethod(plan, traded, filters.gates, filters.notReady));
  else if (plan.signal.kind === 'alpha-formula') methods.push(...alphaMethods(plan, traded, filters.gates, filters.notReady));
  else if (plan.signal.kind === 'pairs') methods.push(pairsMethod(plan, traded));
  else {
    if (plan.signal.kind === 'calendar') methods.push(...calendarMethods(plan, indicators, filters, warmsUp(plan, indicators, filters)));
    else
      methods.push({
        signature: 'def _trade(self, symbol):',
        body: [
          ...methodDoc(
            plan.regimes
              ? "Applies the risk exits, then the rule of the market's regime, to one symbol."
              : 'Applies the risk exits, then the entry and exit rules, to one symbol.',
          ),
          ...tradeBody(plan, signal, indicators, filters, mapped),
        ],
      });
    if (plan.regimes) methods.push(...regimeMethods(plan));
    if (plan.options) methods.push(...optionMethods(plan));
    else
      methods.push(
        plan.direction === 'long'
          ? {
              signature: 'def _enter(self, symbol, traded):',
              body: [...methodDoc('Opens a long position, sized by the plan.'), ...enterBody(plan)],
            }
          : {
              signature: 'def _enter(self, symbol, traded, side):',
              body: [...methodDoc('Opens a position on the given side (1 long, -1 short), sized by the plan.'), ...enterBody(plan)],
            },
      );
  }
  if (hasExits(plan.risk) && !(plan.signal.kind === 'pairs'))
    methods.push({
      signature: 'def _risk_exit(self, symbol, traded):',
      body: [
        ...methodDoc('The reason the open position must close now, or None.'),
        ...(plan.options ? optionRiskBody(plan) : riskExitBody(plan.risk)),
      ],
    });
  if (plan.risk.maxDrawdown !== undefined)
    methods.push({
      signature: 'def _drawdown_halted(self):',
      body: [...methodDoc('Whether the drawdown limit has stopped trading.'), ...drawdownBody(plan.risk.maxDrawdown)],
    });
  if (plan.risk.flatBy)
    methods.push({
      signature: 'def _flatten(self):',
      body: [...methodDoc(`Closes every position at ${plan.risk.flatBy}.`), 'self.liquidate()'],
    });
  if (mapped)
    methods.push({
      signature: 'def _contract(self, symbol):',
      body: [
        ...methodDoc("The contract orders go to: a continuous future's mapped contract, else the symbol."),
        'security = self._continuous.get(symbol)',
        'return security.mapped if security is not None else symbol',
      ],
    });
  return renderModule(plan.className, docstring(plan.title, describe(plan, signal)), methods);
}

/** The block-shaped view of a portfolio signal: its window of closes and its warm-up; it trades in its own method. */
function portfolioSignal(plan: ComposePlan): SignalBlock {
  return {
    indicators: [portfolioWindow(plan)],
    warmUp: portfolioWarmUp(plan),
    values: [],
    longEntry: 'False',
    longExit: 'False',
    shortEntry: 'False',
    shortExit: 'False',
    long: portfolioWords(plan),
    short: portfolioWords(plan),
  };
}

function portfolioWords(plan: ComposePlan): string {
  const p = plan.signal.params;
  if (plan.signal.kind === 'pairs')
    return `Trades the spread of ${plan.instruments[0]!.symbol} against ${plan.instruments[1]!.symbol} (hedge ratio by least squares over ${num(p['period']!)} bars): opens it when its z-score passes ${num(p['entry']!)} and closes it inside ${num(p['exit']!)}.`;
  return `Ranks the instruments by their ${num(p['period']!)}-bar return${p['skip'] ? ` skipping the latest ${num(p['skip'])} bars` : ''} and holds the top ${num(p['top']!)}.`;
}

function dedupe(parts: IndicatorPart[]): IndicatorPart[] {
  const seen = new Set<string>();
  return parts.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}

function atrSized(plan: ComposePlan): boolean {
  return plan.sizing?.kind === 'risk-per-trade' && plan.sizing.from === 'atr';
}

function sizingParts(plan: ComposePlan): IndicatorPart[] {
  if (plan.sizing?.kind === 'volatility-target') return [{ name: 'volatility', create: 'StandardDeviation(20)', feed: 'return' }];
  return [];
}

function needsLastClose(indicators: readonly IndicatorPart[]): boolean {
  return indicators.some((i) => i.feed === 'return');
}

function initializeBody(plan: ComposePlan, signal: SignalBlock, indicators: IndicatorPart[], filters: FilterParts): string[] {
  const [sy, sm, sd] = plan.start;
  const [ey, em, ed] = plan.end;
  const lines = [`self.set_start_date(${sy}, ${sm}, ${sd})`, `self.set_end_date(${ey}, ${em}, ${ed})`];
  const currency = accountCurrency(plan.instruments);
  if (currency) lines.push(`self.set_account_currency(${str(currency)})`);
  lines.push(`self.set_cash(${num(plan.cash)})`);
  const brokerage = brokerageLine(plan.instruments, plan.direction !== 'long');
  if (brokerage) lines.push(brokerage);
  lines.push('self._symbols = []');
  for (const indicator of indicators) lines.push(`self._${indicator.name} = {}`);
  for (const name of Object.keys(signal.keep ?? {})) lines.push(`self._${name} = {}`);
  if (plan.signal.kind === 'pairs')
    lines.push(
      '# 1 while long the spread (first leg long), -1 while short it, 0 while flat.',
      'self._pair_side = 0',
      ...(plan.risk.stopLoss && plan.risk.stopLoss.unit !== 'std' ? ['self._pair_value = 0.0'] : []),
    );
  if (needsLastClose(indicators)) lines.push('self._last_close = {}');
  if (tradesMapped(plan.instruments)) lines.push('self._continuous = {}');
  if (plan.sizing?.kind === 'weights')
    lines.push(
      `self._weights = {${Object.entries(plan.sizing.weights)
        .map(([k, v]) => `${str(k)}: ${num(v)}`)
        .join(', ')}}`,
    );
  lines.push(...riskStateLines(plan.risk));
  lines.push(...addLines(plan.instruments, plan.bar.resolution));
  if (plan.options) lines.push('self._underlying = self._symbols[0]', ...optionInitLines(plan));
  lines.push(...filters.initialize);
  if (plan.universe) {
    if (plan.bar.consolidated) lines.push('self._consolidators = {}');
    lines.push('self._replaying = False', ...universeInitLines(plan.universe, plan.bar.resolution));
  } else if (warmsUp(plan, indicators, filters))
    // An alpha book without indicators reads the history it needs when it rebalances.
    lines.push(warmUp(plan, signal, indicators, filters));
  if (plan.schedule) lines.push(scheduleCall(plan, plan.schedule, 'self._on_schedule'));
  if (plan.signal.calendar) lines.push(...calendarSchedules(plan));
  if (plan.risk.flatBy) {
    const [h, m] = clockParts(plan.risk.flatBy);
    lines.push(`self.schedule.on(self.date_rules.every_day(${calendarSymbol(plan)}), self.time_rules.at(${h}, ${m}), self._flatten)`);
  }
  return lines;
}

/**
 * Whether initialize sets a warm-up: always but for an alpha book or a calendar rule without indicators,
 * which read nothing from bars before they trade.
 */
function warmsUp(plan: ComposePlan, indicators: IndicatorPart[], filters: FilterParts): boolean {
  if (plan.universe) return false;
  if (plan.signal.kind !== 'alpha-formula' && plan.signal.kind !== 'calendar') return true;
  return indicators.length > 0 || filters.warmUpDays > 0;
}

/** USDT-quoted crypto is accounted in USDT (LEAN would otherwise need a USDT/USD conversion rate). */
function accountCurrency(instruments: readonly PlannedInstrument[]): string | undefined {
  const crypto = instruments.filter((i) => i.type === 'crypto' || i.type === 'cryptofuture');
  if (crypto.length === 0 || crypto.length !== instruments.length) return undefined;
  const quotes = new Set(crypto.map((i) => (/USDT$/.test(i.symbol) ? 'USDT' : /USDC$/.test(i.symbol) ? 'USDC' : 'other')));
  return quotes.size === 1 && !quotes.has('other') ? [...quotes][0] : undefined;
}

/** Warm-up covering the longest indicator: in bars of a native resolution, else in calendar days. */
function warmUp(plan: ComposePlan, signal: SignalBlock, indicators: IndicatorPart[], filters: FilterParts): string {
  const bars = warmUpBars(signal, indicators, filters);
  const days = Math.max(filters.warmUpDays, plan.bar.consolidated ? warmUpDays(plan.bar, plan.instruments, bars) : 0);
  if (days > 0) {
    const own = plan.bar.consolidated ? 0 : warmUpDays(plan.bar, plan.instruments, bars);
    return `self.set_warm_up(timedelta(days=${Math.max(days, own)}))`;
  }
  return `self.set_warm_up(${bars}, Resolution.${plan.bar.resolution})`;
}

/** The largest whole number in an indicator's constructor: its period, closely enough for warm-up. */
function periodOf(indicator: IndicatorPart): number {
  // LEAN's own helpers (a daily trend average) are warmed in days by their filter, the regime's measure by its block.
  if (indicator.feed === 'auto' || indicator.feed === 'custom') return 0;
  const numbers = [...indicator.create.matchAll(/\b\d+\b(?!\.)/g)].map((m) => Number(m[0]));
  return numbers.length ? Math.max(...numbers) + (indicator.feed === 'return' ? 1 : 0) : 0;
}

function trackBody(plan: ComposePlan, signal: SignalBlock, indicators: IndicatorPart[], filters: FilterParts): string[] {
  const lines = ['symbol = security.symbol', 'self._symbols.append(symbol)', ...trackLines(plan.instruments)];
  for (const indicator of indicators) lines.push(`self._${indicator.name}[symbol] = ${indicator.create}`);
  if (plan.regimes) lines.push(...regimeTrackLines(plan));
  const consolidate = `self.consolidate(symbol, ${consolidationPeriod(plan.bar.size)}, self._on_bar)`;
  if (!plan.universe) {
    if (plan.bar.consolidated) lines.push(consolidate);
    return lines;
  }
  // Members join at any time, after any warm-up: their indicators are fed the history they need first.
  if (indicators.length === 0 && !plan.bar.consolidated) return lines;
  const days = warmUpDays(plan.bar, [{ symbol: '', type: 'equity', market: 'usa' }], warmUpBars(signal, indicators, filters));
  if (plan.bar.consolidated) lines.push(`consolidator = ${consolidate}`, 'self._consolidators[symbol] = consolidator');
  lines.push(
    'self._replaying = True',
    ...block(`for bar in self.history[TradeBar](symbol, timedelta(days=${days}), Resolution.${plan.bar.resolution}):`, [
      plan.bar.consolidated ? 'consolidator.update(bar)' : 'self._on_bar(bar)',
    ]),
    'self._replaying = False',
  );
  return lines;
}

function warmUpBars(signal: SignalBlock, indicators: IndicatorPart[], filters: FilterParts): number {
  return Math.max(1, signal.warmUp, ...indicators.map(periodOf), filters.warmUpBars);
}

function onDataBody(plan: ComposePlan, mapped: boolean): string[] {
  const lines: string[] = plan.options ? chainLines() : [];
  if (!plan.bar.consolidated) {
    const quotes = plan.instruments.filter(quotesOnly).length;
    const get =
      quotes === 0
        ? 'data.bars.get(symbol)'
        : quotes === plan.instruments.length
          ? 'data.quote_bars.get(symbol)'
          : 'data.bars.get(symbol) or data.quote_bars.get(symbol)';
    lines.push(...block('for symbol in self._symbols:', [`bar = ${get}`, ...block('if bar is not None:', ['self._on_bar(bar)'])]));
  }
  if (mapped)
    lines.push(
      '# A continuous future rolled: move the position onto the newly mapped contract.',
      ...block('for changed in data.symbol_changed_events.values():', [
        'quantity = self.portfolio[changed.old_symbol].quantity',
        ...block('if quantity != 0:', [
          'self.liquidate(changed.old_symbol, tag="Roll")',
          'self.market_order(changed.new_symbol, quantity, tag="Roll")',
        ]),
      ]),
    );
  return lines;
}

function onBarBody(plan: ComposePlan, indicators: IndicatorPart[]): string[] {
  const lines = ['symbol = bar.symbol'];
  if (needsLastClose(indicators)) lines.push('previous = self._last_close.get(symbol)', 'self._last_close[symbol] = bar.close');
  for (const indicator of indicators) {
    const target = `self._${indicator.name}[symbol]`;
    if (indicator.feed === 'close') lines.push(`${target}.update(bar.end_time, bar.close)`);
    else if (indicator.feed === 'bar') lines.push(`${target}.update(bar)`);
    else if (indicator.feed === 'window') lines.push(`${target}.add(bar.close)`);
    else if (indicator.feed === 'return')
      lines.push(...block('if previous:', [`${target}.update(bar.end_time, bar.close / previous - 1)`]));
    else if (indicator.feed !== 'auto' && indicator.feed !== 'custom') {
      const source = `self._${indicator.feed.of}[symbol]`;
      lines.push(...block(`if ${source}.is_ready:`, [`${target}.update(bar.end_time, ${source}.current.value)`]));
    }
  }
  if (plan.regimes) lines.push(...regimeOnBarLines(plan));
  if (isPortfolio(plan)) {
    const work: string[] = [];
    if (hasExits(plan.risk) && plan.signal.kind !== 'pairs') {
      const traded = tradesMapped(plan.instruments) ? 'self._contract(symbol)' : 'symbol';
      work.push(
        `traded = ${traded}`,
        ...block('if self.portfolio[traded].invested:', [
          'reason = self._risk_exit(symbol, traded)',
          ...block('if reason is not None:', ['self.liquidate(traded, tag=reason)']),
        ]),
      );
    }
    if (plan.signal.kind === 'pairs' && !plan.schedule) work.push(...block('if symbol == self._symbols[-1]:', ['self._trade_pair()']));
    if (work.length) lines.push(...block(`if ${live(plan)}:`, work));
    return lines;
  }
  if (plan.signal.kind === 'calendar' && indicators.length === 0 && !hasExits(plan.risk)) return [];
  if (plan.schedule === undefined && plan.signal.kind !== 'calendar') lines.push(...block(`if ${live(plan)}:`, ['self._trade(symbol)']));
  else if (hasExits(plan.risk)) {
    const orders = ordersOf(plan);
    const traded = tradesMapped(plan.instruments) ? 'self._contract(symbol)' : 'symbol';
    lines.push(
      ...block(`if ${live(plan)}:`, [
        '# The rules run on their schedule; the exits are checked on every bar.',
        `traded = ${traded}`,
        `quantity = ${orders.quantity}`,
        ...riskBlock(orders, 'return'),
      ]),
    );
  }
  return lines;
}

/** The condition under which a bar may trade: not in warm-up, and not a history bar replayed for a new member. */
function live(plan: ComposePlan): string {
  return plan.universe ? 'not (self.is_warming_up or self._replaying)' : 'not self.is_warming_up';
}

function scheduleBody(plan: ComposePlan): string[] {
  const guard = scheduleGuard(plan.schedule!);
  const work =
    plan.signal.kind === 'rotation' || plan.signal.kind === 'alpha-formula'
      ? ['self._rebalance()']
      : plan.signal.kind === 'pairs'
        ? ['self._trade_pair()']
        : block('for symbol in self._symbols:', ['self._trade(symbol)']);
  return [...block(`if self.is_warming_up${guard ? ` or not (${guard})` : ''}:`, ['return']), ...work];
}

function tradeBody(plan: ComposePlan, signal: SignalBlock, indicators: IndicatorPart[], filters: FilterParts, mapped: boolean): string[] {
  const lines: string[] = [];
  const notReady = [...indicators.map((i) => `not self._${i.name}[symbol].is_ready`), ...filters.notReady];
  if (plan.risk.maxDrawdown !== undefined) lines.push(...block('if self._drawdown_halted():', ['return']));
  if (notReady.length) lines.push(...block(`if ${notReady.join(' or ')}:`, ['return']));
  lines.push('price = self.securities[symbol].price', `traded = ${mapped ? 'self._contract(symbol)' : 'symbol'}`);
  const { direction } = plan;
  const longs = direction !== 'short';
  const shorts = direction !== 'long';
  // Regime selection reads both rules in methods of their own and takes the conditions of the regime's one.
  if (plan.regimes) lines.push(...regimeSelectLines(plan));
  else {
    lines.push(...signal.values);
    lines.push(`long_entry = ${longs ? signal.longEntry : 'False'}`, `short_entry = ${shorts ? signal.shortEntry : 'False'}`);
    for (const [name, value] of Object.entries(signal.keep ?? {})) lines.push(`self._${name}[symbol] = ${value}`);
  }
  const orders = ordersOf(plan);
  lines.push(`quantity = ${orders.quantity}`);
  // Scheduled rules check their exits on every bar in `_on_bar`; the others here, before the signal.
  if (hasExits(plan.risk) && !plan.schedule) lines.push(...riskBlock(orders, 'return'));
  if (plan.regimes) lines.push(...regimeFlipLines(plan, orders.close('"Regime change"')));
  const exits: string[] = [];
  if (longs)
    exits.push(...block(`${exits.length ? 'elif' : 'if'} quantity > 0 and (${signal.longExit}):`, [orders.close(), 'quantity = 0']));
  if (shorts)
    exits.push(...block(`${exits.length ? 'elif' : 'if'} quantity < 0 and (${signal.shortExit}):`, [orders.close(), 'quantity = 0']));
  lines.push(...exits);
  const gate = [
    ...filters.gates,
    ...(plan.risk.flatBy ? [`(self.time.hour, self.time.minute) < (${clockParts(plan.risk.flatBy).join(', ')})`] : []),
  ];
  const allowed = gate.length ? ` and ${gate.length > 1 ? `(${gate.join(' and ')})` : gate[0]}` : '';
  const entries: string[] = [];
  const enter = orders.enter;
  if (longs) entries.push(...block(`${entries.length ? 'elif' : 'if'} long_entry${allowed}:`, [enter('1')]));
  if (shorts) entries.push(...block(`${entries.length ? 'elif' : 'if'} short_entry${allowed}:`, [enter('-1')]));
  const flat: string[] = [];
  if (hasExits(plan.risk))
    flat.push(
      ...block('if symbol in self._stopped:', [
        '# Stopped out: stay out until the entry signal has reset, so one signal is not traded twice.',
        ...block('if not (long_entry or short_entry):', ['self._stopped.discard(symbol)']),
      ]),
      ...entries.map((l, i) => (i === 0 ? l.replace(/^if /, 'elif ') : l)),
    );
  else flat.push(...entries);
  lines.push(...block('if quantity == 0:', flat));
  if (plan.schedule && plan.options)
    lines.push(
      ...block('else:', [
        '# The scheduled roll: close the open legs and open new ones.',
        orders.close('"roll"'),
        enter(plan.direction === 'both' ? '1 if quantity > 0 else -1' : '1'),
      ]),
    );
  else if (plan.schedule && rebalances(plan))
    lines.push(...block('else:', ['# A scheduled rebalance: back to the target size.', enter('1 if quantity > 0 else -1')]));
  return lines;
}

/** The exit check on an open position: close it and lock the symbol out when a stop, target or time exit is hit. */
function riskBlock(orders: ReturnType<typeof ordersOf>, after: string): string[] {
  return block('if quantity != 0:', [
    'reason = self._risk_exit(symbol, traded)',
    ...block('if reason is not None:', [orders.close('reason'), 'self._stopped.add(symbol)', after]),
  ]);
}

/** How `_trade` reads the position and places orders: on the traded symbol, or on option legs. */
function ordersOf(plan: ComposePlan): { quantity: string; close(reason?: string): string; enter(side: string): string } {
  if (plan.options)
    return {
      quantity: 'self._open_side()',
      close: (reason) => `self._close_legs(${reason ?? ''})`,
      enter: (side) => `self._open_legs(${side})`,
    };
  return {
    quantity: 'self.portfolio[traded].quantity',
    close: (reason) => (reason ? `self.liquidate(traded, tag=${reason})` : 'self.liquidate(traded)'),
    enter: (side) => (plan.direction === 'long' ? 'self._enter(symbol, traded)' : `self._enter(symbol, traded, ${side})`),
  };
}

/** Fixed-share sizing is restored at each scheduled evaluation; risk-sized positions are left as opened. */
function rebalances(plan: ComposePlan): boolean {
  return plan.sizing?.kind !== 'risk-per-trade';
}

function enterBody(plan: ComposePlan): string[] {
  const sizing = plan.sizing;
  const lines: string[] = [];
  if (sizing?.kind === 'risk-per-trade') {
    const distance =
      sizing.from === 'atr'
        ? `${num(sizing.atrMultiple ?? 2)} * self._atr[symbol].current.value`
        : plan.risk.stopLoss
          ? distanceExpression(plan.risk.stopLoss)
          : 'entry * 0.02';
    lines.push(
      'security = self.securities[traded]',
      'entry = security.price',
      'multiplier = security.symbol_properties.contract_multiplier',
      `risk_per_unit = (${distance}) * multiplier`,
      ...block('if entry <= 0 or risk_per_unit <= 0:', ['return']),
      'equity = self.portfolio.total_portfolio_value',
      `quantity = min(equity * ${num(sizing.fraction)} / risk_per_unit, equity / (entry * multiplier))`,
      'lot = security.symbol_properties.lot_size',
      'quantity = quantity // lot * lot',
      ...block('if quantity > 0:', [`self.market_order(traded, ${plan.direction === 'long' ? '' : 'side * '}quantity)`]),
    );
  } else {
    lines.push(`self.set_holdings(traded, ${plan.direction === 'long' ? '' : 'side * '}${weightExpression(plan)})`);
  }
  lines.push(...entryStateLines(plan.risk));
  return lines;
}

function weightExpression(plan: ComposePlan): string {
  const sizing = plan.sizing;
  switch (sizing?.kind) {
    case 'fixed-fraction':
      return num(sizing.fraction);
    case 'weights':
      // A continuous future's symbol value is "/ES"; the weights are keyed by ticker.
      return 'self._weights.get(symbol.value.lstrip("/"), 0)';
    case 'volatility-target': {
      const perYear = barsPerYear(plan.bar, plan.instruments);
      return `min(1, ${num(sizing.target)} / max(self._volatility[symbol].current.value * ${num(Number(Math.sqrt(perYear).toFixed(4)))}, 1e-6)) / len(self._symbols)`;
    }
    default:
      return plan.instruments.length === 1 ? '1' : '1 / len(self._symbols)';
  }
}

/** The legs in words: "sells 25-delta calls about 35 days out". */
function legWords(plan: ComposePlan): string {
  const legs = plan.options!.legs.map((leg) => {
    const pick =
      leg.delta !== undefined
        ? `${num(leg.delta * 100)}-delta`
        : leg.moneyness === 'atm' || !leg.moneyness
          ? 'at-the-money'
          : `${num((leg.distance ?? 0.05) * 100)}% ${leg.moneyness === 'otm' ? 'out-of' : 'in'}-the-money`;
    return `${leg.side === 'buy' ? 'buys' : 'sells'} ${pick} ${leg.right}s about ${num(leg.daysToExpiry)} days out`;
  });
  return `${plan.options!.holdUnderlying ? `Holds ${plan.options!.underlying.symbol} shares in round lots and ` : ''}${listWords(legs)}.`;
}

function describe(plan: ComposePlan, signal: SignalBlock): string[] {
  if (plan.options) {
    const legs = legWords(plan);
    const rule = plan.direction === 'short' ? signal.short : signal.long;
    const when =
      plan.signal.kind === 'buy-and-hold'
        ? ''
        : ` The underlying's rule opens and closes them: ${rule.charAt(0).toLowerCase()}${rule.slice(1)}`;
    signal = { ...signal, long: `${legs[0]!.toUpperCase()}${legs.slice(1)}${when}` };
  }
  const rule = plan.regimes
    ? regimeWords(plan)
    : plan.options
      ? signal.long
      : isPortfolio(plan)
        ? signal.long
        : plan.direction === 'long'
          ? signal.long
          : plan.direction === 'short'
            ? signal.short
            : `${signal.long} ${signal.short}`;
  const where = plan.universe ? 'the universe members' : listWords(plan.instruments.map((i) => `${i.symbol} (${i.type}, ${i.market})`));
  const paragraphs = [
    `${rule} Trades ${where} on ${barWords(plan.bar.size)}${plan.bar.consolidated ? ` built from ${plan.bar.resolution.toLowerCase()} data` : ''}, from ${isoDate(plan.start)} to ${isoDate(plan.end)}, starting with ${money(plan.cash)}.`,
  ];
  const more: string[] = [];
  if (plan.schedule) more.push(`The rules are evaluated ${scheduleWords(plan.schedule)}.`);
  const { stopLoss, trailingStop, takeProfit, timeExit, maxDrawdown, flatBy } = plan.risk;
  if (stopLoss) more.push(`Stop loss ${distanceWords(stopLoss)}.`);
  if (trailingStop) more.push(`Trailing stop ${distanceWords(trailingStop)}.`);
  if (takeProfit) more.push(`Take profit ${distanceWords(takeProfit)}.`);
  if (timeExit) more.push(`Exits after ${num(timeExit.count)} ${timeExit.unit}${timeExit.count === 1 ? '' : 's'}.`);
  if (flatBy) more.push(`Flat by ${flatBy}.`);
  if (maxDrawdown !== undefined) more.push(`Stops trading after a ${num(maxDrawdown * 100)}% drawdown.`);
  if (more.length) paragraphs.push(more.join(' '));
  return paragraphs;
}
