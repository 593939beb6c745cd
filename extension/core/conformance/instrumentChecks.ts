// Instruments, their security types and markets, and the universe: every instrument the prompt names is
// added with the add_* method of its type and, where the prompt names a market, on that market.
import { DEFAULT_MARKETS, type SecurityType } from '../request/symbols';
import type { Instrument, StrategyRequest } from '../request/types';
import {
  argument,
  callsNamed,
  nameKey,
  rangeOf,
  reachable,
  stringsIn,
  stringValue,
  symbolKey,
  textOf,
  writesNumber,
  type CallFact,
  type CodeFacts,
} from './codeFacts';
import { futureConstantRoot } from './futureConstants';
import { joinSpans, mismatch, type RequestMismatch } from './mismatch';
import type { PyNode } from './pythonTree';

/** The add_* methods that subscribe each security type; an option's underlying is also added by its option. */
const ADD_METHODS: Readonly<Record<SecurityType, readonly string[]>> = {
  equity: ['add_equity', 'add_option'],
  etf: ['add_equity', 'add_option'],
  crypto: ['add_crypto'],
  cryptofuture: ['add_crypto_future'],
  forex: ['add_forex'],
  future: ['add_future', 'add_future_contract', 'add_future_option'],
  option: ['add_option', 'add_option_contract', 'add_index_option', 'add_index_option_contract'],
  index: ['add_index', 'add_index_option', 'add_data'],
  cfd: ['add_cfd'],
};

/** The method named in messages for each type. */
const MAIN_METHOD: Readonly<Record<SecurityType, string>> = {
  equity: 'add_equity',
  etf: 'add_equity',
  crypto: 'add_crypto',
  cryptofuture: 'add_crypto_future',
  forex: 'add_forex',
  future: 'add_future',
  option: 'add_option',
  index: 'add_index',
  cfd: 'add_cfd',
};

const TYPE_WORDS: Readonly<Partial<Record<SecurityType, string>>> = { etf: 'ETF', cfd: 'CFD', cryptofuture: 'crypto future' };

/** Every method that subscribes a security; `add_security` takes any type and so never mismatches one. */
const SUBSCRIBING = new Set([...Object.values(ADD_METHODS).flat(), 'add_security']);

/** Calls that pick option contracts from a chain (the contract is then added by a non-literal symbol). */
const OPTION_CHAIN_CALLS = new Set([
  'option_chain',
  'get_option_contract_list',
  'add_option_contract',
  'add_index_option_contract',
  'set_filter',
]);

/** Orders, whose first argument is what a strategy trades. */
export const ORDER_CALLS = new Set([
  'set_holdings',
  'market_order',
  'limit_order',
  'stop_market_order',
  'stop_limit_order',
  'trailing_stop_order',
  'limit_if_touched_order',
  'market_on_open_order',
  'market_on_close_order',
  'order',
  'buy',
  'sell',
  'portfolio_target',
]);

/** LEAN's older names of markets. */
const MARKET_ALIASES: Readonly<Record<string, string>> = { gdax: 'coinbase' };

/** What an add_* call subscribes. */
interface Added {
  call: CallFact;
  /** The tickers its symbol argument can hold, by `symbolKey`. */
  keys: Set<string>;
  /** The `Futures.*` constants it can hold. */
  futureConstants: string[];
  /** The symbol could not be traced to any literal, so every ticker-like string of the file is taken. */
  fallback: boolean;
  /** The symbol is one string literal written in the call. */
  literal: boolean;
}

/** `Symbol.create(...)` for a framework universe (ManualUniverseSelectionModel) subscribes like add_security. */
function isSymbolCreate(call: CallFact): boolean {
  return call.name === 'create' && /(^|\.)Symbol\.[Cc]reate$/.test(call.callee);
}

export function checkInstruments(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const added = facts.calls.filter((c) => SUBSCRIBING.has(c.name) || isSymbolCreate(c)).map((c) => readAdded(facts, c));
  const out: RequestMismatch[] = [];
  for (const instrument of request.instruments) {
    const problem = checkInstrument(facts, request, instrument, added);
    if (problem) out.push(problem);
  }
  out.push(...extraInstruments(facts, request, added));
  out.push(...unclaimedMarkets(facts, request));
  return out;
}

function readAdded(facts: CodeFacts, call: CallFact): Added {
  // add_data(CBOE, "VIX") and add_security(SecurityType.EQUITY, "SPY") name the ticker after a type.
  const anyArgument = call.name === 'add_data' || call.name === 'add_security' || isSymbolCreate(call);
  const symbolArgs = anyArgument ? call.positional : [argument(call, 0, 'ticker', 'symbol', 'underlying')];
  const nodes = symbolArgs.flatMap((arg) => (arg ? reachable(facts, arg) : []));
  const keys = new Set(stringsIn(facts, nodes).flatMap((s) => s.split(/[\s,;|]+/).map(symbolKey)));
  keys.delete('');
  // Whole constants only: `Futures.Indices` inside `Futures.Indices.SP_500_E_MINI` names no contract.
  const futureConstants = nodes
    .filter((n) => n.type === 'attribute' && n.field !== 'object' && /^Futures\./.test(textOf(facts, n)))
    .map((n) => textOf(facts, n));
  const first = symbolArgs[0];
  const literal = first?.type === 'string' && stringValue(facts, first) !== undefined;
  if (keys.size === 0 && futureConstants.length === 0) return { call, keys: facts.stringTokens, futureConstants, fallback: true, literal };
  return { call, keys, futureConstants, fallback: false, literal };
}

/** The ticker the request subscribes for an instrument: an option's underlying, a future's root. */
function wantedKey(instrument: Instrument): string {
  return symbolKey(instrument.option?.underlying ?? instrument.future?.root ?? instrument.symbol);
}

function holds(added: Added, instrument: Instrument): boolean {
  const key = wantedKey(instrument);
  if (added.keys.has(key)) return true;
  if (instrument.securityType !== 'future') return false;
  // A constant this check does not know may be the one asked for.
  return added.futureConstants.some((c) => {
    const root = futureConstantRoot(c);
    return root === undefined || symbolKey(root) === key;
  });
}

function checkInstrument(facts: CodeFacts, request: StrategyRequest, instrument: Instrument, all: Added[]): RequestMismatch | undefined {
  const type = instrument.securityType;
  const matches = all.filter((a) => holds(a, instrument));
  const right = matches.filter((a) => ADD_METHODS[type].includes(a.call.name) || a.call.name === 'add_security' || isSymbolCreate(a.call));
  const span = instrumentSpan(request, instrument);
  const shown = instrument.option?.underlying ?? instrument.future?.root ?? instrument.symbol;
  const meaning = `${typeWords(instrument)}${instrument.marketStated ? `, market ${instrument.market}` : ''}`;
  if (right.length > 0) return checkMarket(facts, request, instrument, right, span, meaning);
  if (type === 'option' && optionFromChain(facts, instrument)) return undefined;
  const wrong = matches.find(
    (a) => !a.fallback && SUBSCRIBING.has(a.call.name) && a.call.name !== 'add_data' && a.call.name !== 'add_security',
  );
  if (wrong) {
    const does =
      type === 'option'
        ? `the code adds ${shown} with ${wrong.call.name} but never its options (${MAIN_METHOD.option}("${shown}") or add_option_contract).`
        : `the code adds ${shown} with ${wrong.call.name}; use ${MAIN_METHOD[type]}.`;
    return mismatch(type === 'option' ? 'instruments' : 'types', request, span, meaning, does, rangeOf(facts, wrong.call.node));
  }
  // An add_* call whose symbol could not be traced may add it; a universe or filter may be what names it.
  if (matches.some((a) => a.fallback)) return undefined;
  if (coveredElsewhere(facts, request, instrument)) return undefined;
  const example = type === 'future' ? `${MAIN_METHOD[type]}("${shown}") or a Futures.* constant` : `${MAIN_METHOD[type]}("${shown}")`;
  return mismatch('instruments', request, span, meaning, `the code never adds ${shown} (${example}).`);
}

function typeWords(instrument: Instrument): string {
  if (instrument.securityType === 'option') return `options on ${instrument.option?.underlying ?? instrument.symbol}`;
  if (instrument.securityType === 'future') return `the ${instrument.future?.root ?? instrument.symbol} future`;
  return TYPE_WORDS[instrument.securityType] ?? instrument.securityType;
}

/** The instrument's words, with the market's when the prompt names it close by ("BTCUSD on Coinbase"). */
function instrumentSpan(request: StrategyRequest, instrument: Instrument): Instrument['span'] {
  if (!instrument.marketStated) return instrument.span;
  const market = request.markets.find((m) => m.value === instrument.market);
  return (market && joinSpans(instrument.span, market.span)) ?? instrument.span;
}

/** An option picked from a chain: chain calls exist and the underlying is subscribed or named. */
function optionFromChain(facts: CodeFacts, instrument: Instrument): boolean {
  if (!facts.calls.some((c) => OPTION_CHAIN_CALLS.has(c.name))) return false;
  return facts.stringTokens.has(wantedKey(instrument));
}

/** The universe's ETF, or a symbol only a filter reads: named by the request but not necessarily added as a security. */
function coveredElsewhere(facts: CodeFacts, request: StrategyRequest, instrument: Instrument): boolean {
  const key = wantedKey(instrument);
  const universe = request.universe?.value;
  if (universe?.kind === 'etf-constituents' && symbolKey(universe.etf) === key) return true;
  if (key === 'VIX' && request.filters.some((f) => f.value.kind === 'vix')) return facts.stringTokens.has('VIX');
  return request.filters.some((f) => f.value.kind === 'trend' && f.value.symbol !== undefined && symbolKey(f.value.symbol) === key);
}

function checkMarket(
  facts: CodeFacts,
  request: StrategyRequest,
  instrument: Instrument,
  right: Added[],
  span: Instrument['span'],
  meaning: string,
): RequestMismatch | undefined {
  if (!instrument.marketStated) return undefined;
  const wanted = marketKey(instrument.market);
  const found = right.map((a) => marketOf(facts, a.call, instrument));
  if (found.some((m) => m === undefined || m.key === wanted)) return undefined;
  if (found.some((m) => m?.isDefault) && brokerageSetsMarket(facts, wanted)) return undefined;
  const first = found[0]!;
  const call = right[0]!.call;
  const constant = `Market.${instrument.market.toUpperCase()}`;
  const does = first.isDefault
    ? `the code adds it with ${call.name} on LEAN's default market, ${first.key}; pass ${constant}.`
    : `the code adds it with ${call.name} on market ${first.key}; pass ${constant}.`;
  return mismatch('markets', request, span, meaning, does, rangeOf(facts, call.node));
}

/** The market an add_* call names, LEAN's default when it names none; undefined when it cannot be read. */
function marketOf(facts: CodeFacts, call: CallFact, instrument: Instrument): { key: string; isDefault: boolean } | undefined {
  if (call.name === 'add_security' || call.name === 'add_data' || isSymbolCreate(call)) return undefined;
  const node = argument(call, 2, 'market');
  if (!node) return { key: marketKey(DEFAULT_MARKETS[instrument.securityType]), isDefault: true };
  const key = marketIn(facts, node);
  return key === undefined ? undefined : { key, isDefault: false };
}

/** `Market.COINBASE`, `"coinbase"` or a name assigned one of them → `coinbase`. */
function marketIn(facts: CodeFacts, node: PyNode): string | undefined {
  for (const n of reachable(facts, node)) {
    if (n.type === 'attribute') {
      const text = textOf(facts, n);
      if (/^Market\.\w+$/.test(text)) return marketKey(text.slice('Market.'.length));
    }
    if (n.type === 'string') {
      const value = stringValue(facts, n);
      if (value) return marketKey(value);
    }
  }
  return undefined;
}

function marketKey(market: string): string {
  const key = market.toLowerCase().replace(/[^a-z0-9]/g, '');
  return MARKET_ALIASES[key] ?? key;
}

/** A brokerage model whose default markets include `market` (`BrokerageName.KRAKEN` makes Kraken crypto's default). */
function brokerageSetsMarket(facts: CodeFacts, market: string): boolean {
  return callsNamed(facts, 'set_brokerage_model').some((c) => {
    const text = nameKey(textOf(facts, c.node));
    return text.includes(market) || (market === 'coinbase' && text.includes('gdax'));
  });
}

/**
 * Instruments the code trades that the prompt never names: flagged only when the prompt names
 * instruments, has no universe, the extra is added by a literal with a method the request uses, is
 * traded by an order, and no word of the prompt names it (benchmarks, VIX and filter symbols pass).
 */
function extraInstruments(facts: CodeFacts, request: StrategyRequest, added: Added[]): RequestMismatch[] {
  const first = request.instruments[0];
  if (!first || request.universe) return [];
  const methods = new Set(request.instruments.map((i) => MAIN_METHOD[i.securityType]));
  const wanted = new Set(request.instruments.flatMap((i) => [wantedKey(i), symbolKey(i.symbol)]));
  const promptWords = new Set(request.prompt.split(/[^A-Za-z0-9.\-/]+/).map(symbolKey));
  const out: RequestMismatch[] = [];
  for (const a of added) {
    if (!a.literal || a.fallback || !methods.has(a.call.name)) continue;
    const extra = [...a.keys].find((k) => !wanted.has(k) && !promptWords.has(k));
    if (!extra || !isTraded(facts, a, extra)) continue;
    const named = request.instruments.map((i) => i.symbol).join(', ');
    out.push(
      mismatch(
        'instruments',
        request,
        first.span,
        `${named} only`,
        `the code also trades ${extra}, which the prompt does not name.`,
        rangeOf(facts, a.call.node),
      ),
    );
  }
  return out;
}

/** Whether an order's symbol is the ticker, or the name the add_* call's result was stored in. */
function isTraded(facts: CodeFacts, added: Added, key: string): boolean {
  const target = storedIn(facts, added.call.node);
  const pattern = target ? new RegExp(`(^|[^\\w.])${target.replace(/[.[\]]/g, '\\$&')}\\b`) : undefined;
  return facts.calls.some((c) => {
    if (!ORDER_CALLS.has(c.name)) return false;
    const symbol = argument(c, 0, 'symbol');
    if (!symbol) return false;
    if (stringsIn(facts, reachable(facts, symbol)).some((s) => symbolKey(s) === key)) return true;
    return pattern !== undefined && pattern.test(textOf(facts, symbol));
  });
}

/** `self._tlt` in `self._tlt = self.add_equity("TLT").symbol`. */
function storedIn(facts: CodeFacts, call: PyNode): string | undefined {
  let node: PyNode | undefined = call;
  while (
    node.parent &&
    (node.parent.type === 'attribute' || node.parent.type === 'call' || node.parent.type === 'parenthesized_expression')
  )
    node = node.parent;
  const assignment = node.parent;
  if (assignment?.type !== 'assignment' || node.field !== 'right') return undefined;
  const left = assignment.children.find((c) => c.field === 'left');
  return left && (left.type === 'identifier' || left.type === 'attribute') ? textOf(facts, left).replace(/\s+/g, '') : undefined;
}

/** Markets the prompt names for no instrument ("on Kraken"): some add_* call, constant or brokerage names them. */
function unclaimedMarkets(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const claimed = new Set(request.instruments.map((i) => marketKey(i.market)));
  const out: RequestMismatch[] = [];
  for (const market of request.markets) {
    const key = marketKey(market.value);
    if (claimed.has(key) || key === 'usa') continue;
    const written = [...facts.dottedNames].some((n) => n === `market.${key}` || (key === 'coinbase' && n === 'market.gdax'));
    if (written || facts.stringTokens.has(key.toUpperCase()) || brokerageSetsMarket(facts, key)) continue;
    out.push(
      mismatch('markets', request, market.span, `market ${market.value}`, `the code never uses Market.${market.value.toUpperCase()}.`),
    );
  }
  return out;
}

/** The universe: ETF constituents from `universe.etf` with that ETF; a fundamental universe from add_universe. */
export function checkUniverse(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const read = request.universe;
  if (!read) return [];
  const universe = read.value;
  const out: RequestMismatch[] = [];
  if (universe.kind === 'etf-constituents') {
    const calls = facts.calls.filter(
      (c) => (c.name === 'etf' && /universe/i.test(c.callee)) || c.name.includes('etf_constituents') || /ETFConstituents/i.test(c.callee),
    );
    const meaning = `the constituents of ${universe.etf}`;
    if (calls.length === 0) {
      out.push(
        mismatch(
          'universe',
          request,
          read.span,
          meaning,
          `the code has no ETF constituents universe (self.add_universe(self.universe.etf("${universe.etf}", ...))).`,
        ),
      );
      return out;
    }
    const tickers = calls.flatMap((c) => {
      const first = argument(c, 0, 'etf_ticker', 'symbol', 'etf_symbol');
      return first ? stringsIn(facts, reachable(facts, first)).map(symbolKey) : [];
    });
    if (tickers.length > 0 && !tickers.includes(symbolKey(universe.etf)))
      out.push(
        mismatch(
          'universe',
          request,
          read.span,
          meaning,
          `the code's universe holds the constituents of ${tickers[0]}.`,
          rangeOf(facts, calls[0]!.node),
        ),
      );
  } else {
    const calls = facts.calls.filter((c) => c.name === 'add_universe' || c.name === 'add_universe_selection');
    if (calls.length === 0) {
      out.push(
        mismatch(
          'universe',
          request,
          read.span,
          `the top ${universe.count} US equities by ${universe.by}`,
          'the code selects no universe (self.add_universe with a selection function).',
        ),
      );
      return out;
    }
    if (universe.minPrice !== undefined && !writesNumber(facts, [universe.minPrice]))
      out.push(
        mismatch('universe', request, read.span, `a minimum price of ${universe.minPrice}`, `the code never writes ${universe.minPrice}.`),
      );
  }
  if (universe.count !== undefined && !writesNumber(facts, [universe.count]))
    out.push(mismatch('universe', request, read.span, `${universe.count} holdings`, `the code never writes the number ${universe.count}.`));
  return out;
}
