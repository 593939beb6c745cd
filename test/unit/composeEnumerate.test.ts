// The composer over a seeded sample of its combinations (enumerateRequests): every request is planned
// or declined; every plan renders to code with no error or warning from the validator, and with no
// request mismatch the plan does not name in a gap; every decline is one of the impossible
// combinations; and the sample reaches every security type, signal, bar kind and direction.
import { describe, expect, it } from 'vitest';
import { checkRequestSource } from '../../extension/core/conformance/index';
import type { PerSymbolKind, PortfolioKind } from '../../extension/core/generation/compose/composeTypes';
import { enumerateRequests } from '../../extension/core/generation/compose/enumerateRequests';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { renderComposed } from '../../extension/core/generation/compose/renderComposed';
import type { SecurityType } from '../../extension/core/request/symbols';
import type { StrategyRequest } from '../../extension/core/request/types';
import { loadValidation, PER_SYMBOL_KINDS } from './composeHelpers';

const SEED = 20240607;
const COUNT = 900;

const validation = loadValidation();

/** Crypto markets LEAN simulates with a cash account only (their brokerage models reject margin or shorts here). */
const CASH_CRYPTO_MARKETS = new Set(['coinbase', 'binance', 'binanceus', 'kraken', 'bitfinex', 'bybit']);

/** What the composer writes for a request's signal, decided here from the request alone. */
function expectedKind(request: StrategyRequest): PerSymbolKind | PortfolioKind {
  const core = request.signals[0];
  if (!core) return 'buy-and-hold';
  if (core.kind === 'alpha-formula') return 'alpha-formula';
  const named = request.instruments.filter((i) => i.securityType !== 'option');
  if (core.kind === 'pairs' || (core.kind === 'zscore' && named.length === 2)) return 'pairs';
  if (
    core.kind === 'momentum' &&
    (core.params['top'] !== undefined ||
      core.params['skip'] !== undefined ||
      request.universe !== undefined ||
      (named.length > 1 && request.schedule))
  )
    return 'rotation';
  return core.kind as PerSymbolKind;
}

/** The impossible combination a decline is about, checked against the request itself; undefined when none applies. */
function impossibility(request: StrategyRequest, reason: string): string | undefined {
  const kind = expectedKind(request);
  const direction = request.direction?.value;
  if (/cannot sell short/.test(reason)) {
    const cash = request.instruments.some((i) => i.securityType === 'crypto' && CASH_CRYPTO_MARKETS.has(i.market));
    // A gap rule on one side, with no direction stated, trades one way: a fade of gap ups (or a follow of gap downs) shorts.
    const gap = request.signals[0]?.gap;
    const gapShorts = kind === 'gap' && !direction && gap?.side && (gap.side.value === 'up') === ((gap.mode?.value ?? 'fade') === 'fade');
    if (cash && (direction === 'short' || kind === 'pairs' || gapShorts)) return 'short in a cash account';
  }
  if (/^A VWAP rule needs traded volume/.test(reason)) {
    if (
      kind === 'vwap' &&
      request.instruments.some((i) => i.securityType === 'forex' || i.securityType === 'cfd' || i.securityType === 'index')
    )
      return 'VWAP without volume';
  }
  if (/^A pairs trade holds one leg short, so it cannot be written (long|short) only/.test(reason)) {
    if (kind === 'pairs' && (direction === 'long' || direction === 'short')) return 'pairs not both ways';
  }
  if (/^A pairs trade needs exactly two instruments/.test(reason)) {
    if (kind === 'pairs' && request.instruments.length !== 2) return 'pairs of not two';
  }
  if (/^A gap rule trades at the open/.test(reason)) {
    const unit = request.bar?.value.unit;
    if (kind === 'gap' && (unit === 'day' || unit === 'week')) return 'gap on session bars';
  }
  if (/^The offline generator cannot combine option legs with a (Pairs trade|Momentum rotation)/.test(reason)) {
    if ((kind === 'pairs' || kind === 'rotation') && request.instruments.some((i) => i.securityType === 'option'))
      return 'options with a portfolio block';
  }
  return undefined;
}

function describeRequest(request: StrategyRequest): string {
  return JSON.stringify({
    instruments: request.instruments.map((i) => `${i.symbol}:${i.securityType}:${i.market}`),
    signals: request.signals.map((s) => ({
      kind: s.kind,
      params: Object.fromEntries(Object.entries(s.params).map(([k, v]) => [k, v.value])),
    })),
    bar: request.bar?.value,
    direction: request.direction?.value,
    sizing: request.sizing?.value,
    risk: Object.fromEntries(Object.entries(request.risk).map(([k, v]) => [k, (v as { value: unknown }).value])),
    schedule: request.schedule?.value,
    filters: request.filters.map((f) => f.value),
  });
}

describe('the composer over its enumerated combinations', () => {
  it(`plans, renders, validates and conforms ${COUNT} requests drawn with seed ${SEED}`, () => {
    const { validator, parser } = validation;
    const requests = enumerateRequests(SEED, COUNT);
    expect(requests).toHaveLength(COUNT);
    // The same sample on every run.
    expect(JSON.stringify(enumerateRequests(SEED, 3))).toBe(JSON.stringify(requests.slice(0, 3)));

    const problems: string[] = [];
    const declines = new Map<string, number>();
    const types = new Set<SecurityType>();
    const kinds = new Set<string>();
    const bars = new Set<'consolidated' | 'native'>();
    const directions = new Set<string>();
    const structures = new Set<string>();
    const universes = new Set<string>();
    const regimes = new Set<string>();
    let planned = 0;

    for (const [n, request] of requests.entries()) {
      const where = `#${n} ${describeRequest(request)}`;
      const outcome = planCompose(request);
      if (!outcome) {
        problems.push(`${where}: handed to the templates`);
        continue;
      }
      if (outcome.kind === 'decline') {
        const why = impossibility(request, outcome.reason);
        if (!why) problems.push(`${where}: declined without an impossible combination: ${outcome.reason}`);
        else declines.set(why, (declines.get(why) ?? 0) + 1);
        continue;
      }
      planned++;
      const { plan, gaps } = outcome;
      const code = renderComposed(plan);

      // The plan is what was asked, or a gap says what is not.
      const gapFields = new Set(gaps.flatMap((g) => [g.field, ...(g.also ?? [])]));
      if (plan.signal.kind !== expectedKind(request)) problems.push(`${where}: wrote ${plan.signal.kind}, not ${expectedKind(request)}`);
      // A gap rule without a stated direction trades the way its side and mode imply; option legs the way they trade.
      const gap = request.signals[0]?.gap;
      const implied =
        expectedKind(request) === 'gap' && gap?.side
          ? (gap.side.value === 'down') === ((gap.mode?.value ?? 'fade') === 'fade')
            ? 'long'
            : 'short'
          : expectedKind(request) === 'gap' || expectedKind(request) === 'alpha-formula'
            ? 'both'
            : 'long';
      const asked = expectedKind(request) === 'pairs' ? 'both' : (request.direction?.value ?? implied);
      if (!plan.options && plan.direction !== asked && !gapFields.has('direction'))
        problems.push(`${where}: trades ${plan.direction}, asked ${asked}, no direction gap`);
      const options = request.instruments.filter((i) => i.securityType === 'option');
      const wanted = options.length
        ? [`${options[0]!.option!.underlying}`]
        : request.instruments.map((i) => `${i.symbol}:${i.securityType}:${i.market}`);
      const written = options.length
        ? plan.instruments.map((i) => i.symbol)
        : plan.instruments.map((i) => `${i.symbol}:${i.type}:${i.market}`);
      if (written.join() !== wanted.join()) problems.push(`${where}: instruments changed`);
      if (JSON.stringify(plan.universe) !== JSON.stringify(request.universe?.value)) problems.push(`${where}: universe changed`);
      if (options.length && plan.options?.legs.length !== options.length) problems.push(`${where}: option legs changed`);
      if (plan.options) structures.add(plan.options.holdUnderlying ? 'held' : 'legs only');
      if (plan.universe) universes.add(plan.universe.kind);
      if (plan.regimes) regimes.add(plan.regimes.measure.by);
      if (request.signals.some((s) => s.regime) !== (plan.regimes !== undefined)) problems.push(`${where}: regimes not planned as asked`);
      if (JSON.stringify(plan.bar.size) !== JSON.stringify(request.bar?.value))
        problems.push(`${where}: bar changed to ${JSON.stringify(plan.bar.size)}`);

      for (const d of validator.validate(code, {}))
        if (d.severity === 'error' || d.severity === 'warning')
          problems.push(`${where}: ${d.severity} ${d.code} line ${d.range.startLine}: ${d.message}`);
      for (const m of checkRequestSource(parser, code, request))
        if (!gapFields.has(m.field)) problems.push(`${where}: undisclosed ${m.field} mismatch: ${m.message}`);

      for (const i of plan.instruments) types.add(i.type);
      kinds.add(plan.signal.kind);
      bars.add(plan.bar.consolidated ? 'consolidated' : 'native');
      directions.add(plan.direction);
    }

    console.log(
      `composeEnumerate: ${COUNT} requests (seed ${SEED}): ${planned} planned, declined ${JSON.stringify(Object.fromEntries(declines))}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);

    // Coverage of the sample.
    const allTypes: SecurityType[] = ['equity', 'etf', 'crypto', 'cryptofuture', 'forex', 'future', 'index', 'cfd'];
    const perSymbol = PER_SYMBOL_KINDS;
    const portfolio: PortfolioKind[] = ['rotation', 'pairs', 'alpha-formula'];
    expect([...types].sort()).toEqual([...allTypes].sort());
    expect([...kinds].sort()).toEqual([...perSymbol, ...portfolio].sort());
    expect([...bars].sort()).toEqual(['consolidated', 'native']);
    expect([...directions].sort()).toEqual(['both', 'long', 'short']);
    // Most of the sample is written; every known kind of impossibility that the sample can hold shows up.
    expect(planned).toBeGreaterThan(COUNT * 0.8);
    expect([...structures].sort()).toEqual(['held', 'legs only']);
    expect([...universes].sort()).toEqual(['etf-constituents', 'fundamental']);
    expect([...regimes].sort()).toEqual(['vix', 'volatility']);
    expect([...declines.keys()].sort()).toEqual([
      'VWAP without volume',
      'gap on session bars',
      'pairs not both ways',
      'short in a cash account',
    ]);
  }, 120_000);
});
