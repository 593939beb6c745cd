// Bad input to the composer: what is impossible in LEAN is declined (OfflineDeclinedError) or named in
// `unfulfilled` with its field, never silently written as something else. Prompts of our own, and
// hand-built requests (empty spans) for the planner itself.
import { describe, expect, it } from 'vitest';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { renderComposed } from '../../extension/core/generation/compose/renderComposed';
import { generateOffline, isOfflineDeclined, OfflineDeclinedError } from '../../extension/core/generation/offlineGenerator';
import type { Direction, Instrument, RiskRequest, Signal, StrategyRequest } from '../../extension/core/request/types';
import { BTC, instrument, method, read, request as composeRequest, signal } from './composeHelpers';

/** A request for one signal on `instruments`, with no direction unless one is given. */
function request(instruments: Instrument[], kind: Signal['kind'], direction?: Direction, risk: RiskRequest = {}): StrategyRequest {
  return composeRequest({ instruments, signal: signal(kind), direction: direction ?? null, risk });
}

/** The error generateOffline throws for `prompt`; fails when it writes code instead. */
function declined(prompt: string): OfflineDeclinedError {
  try {
    const result = generateOffline(prompt);
    throw new Error(`not declined: ${prompt}\n${result.writer}\n${result.code}`);
  } catch (error) {
    if (isOfflineDeclined(error)) {
      expect(error).toBeInstanceOf(OfflineDeclinedError);
      return error;
    }
    throw error;
  }
}

const ETH = instrument('ETHUSD', 'crypto', 'coinbase');

describe('short selling in a cash account', () => {
  it('declines short-only crypto on Coinbase, naming the cash account and the way out', () => {
    const error = declined('RSI on BTCUSD on Coinbase, short only, daily bars');
    expect(error.message).toMatch(
      /^The strategy cannot be written as asked: BTCUSD on coinbase trades in a cash account, which cannot sell short \(LEAN's coinbase brokerage model offers no margin account\)\. Trade on Binance, Kraken or Bybit, or a perpetual future/,
    );
    expect(error.request.direction?.value).toBe('short');
  });

  it('writes the long side of long/short crypto on Coinbase, with the short side as a direction gap', () => {
    const result = generateOffline('RSI on BTCUSD on Coinbase, long and short, daily bars');
    expect(result.plan?.direction).toBe('long');
    expect(result.gaps).toEqual([
      {
        field: 'direction',
        sentence:
          'The short side "long and short" is not traded: BTCUSD on coinbase trades in a cash account, which cannot sell short (LEAN\'s coinbase brokerage model offers no margin account).',
      },
    ]);
    expect(result.unfulfilled).toEqual([result.gaps[0]!.sentence]);
    const trade = method(result.code, '_trade');
    expect(trade).toContain('short_entry = False');
    expect(trade).toContain('long_entry = rsi < 30');
    expect(result.code).toContain('Not done (generation.json lists these under "unfulfilled")');
  });

  it('declines short-only crypto on the cash-only markets, shorts in a margin account elsewhere, and declines a pair of Coinbase coins', () => {
    for (const market of ['coinbase', 'binanceus']) {
      const outcome = planCompose(request([instrument('BTCUSD', 'crypto', market)], 'rsi', 'short'));
      expect(outcome?.kind, market).toBe('decline');
    }
    // Binance, Kraken, Bitfinex and Bybit offer margin accounts (their brokerage models' AccountType).
    const names: Record<string, string> = { binance: 'BINANCE', kraken: 'KRAKEN', bitfinex: 'BITFINEX', bybit: 'BYBIT' };
    for (const [market, name] of Object.entries(names)) {
      const outcome = planCompose(request([instrument('BTCUSD', 'crypto', market)], 'rsi', 'short'));
      expect(outcome?.kind, market).toBe('plan');
      if (outcome?.kind === 'plan') {
        expect(outcome.plan.direction).toBe('short');
        expect(renderComposed(outcome.plan)).toContain(`self.set_brokerage_model(BrokerageName.${name}, AccountType.MARGIN)`);
      }
    }
    const pair = planCompose(request([BTC, ETH], 'pairs'));
    expect(pair?.kind).toBe('decline');
    expect(pair?.kind === 'decline' && pair.reason).toMatch(/cash account, which cannot sell short/);
  });

  it('does not decline a short perpetual or a short equity', () => {
    expect(planCompose(request([instrument('BTCUSDT', 'cryptofuture', 'binance')], 'rsi', 'short'))?.kind).toBe('plan');
    expect(planCompose(request([instrument('AAPL', 'equity', 'usa')], 'rsi', 'short'))?.kind).toBe('plan');
  });
});

describe('VWAP without volume', () => {
  it('declines VWAP on a forex pair', () => {
    expect(declined('VWAP reversion on EURUSD on Oanda, hourly bars').message).toMatch(
      /^A VWAP rule needs traded volume, and LEAN's EURUSD data are quotes without volume\./,
    );
  });

  it('declines VWAP on a CFD, and on a book holding one', () => {
    const cfd = planCompose(request([instrument('XAUUSD', 'cfd', 'oanda')], 'vwap', 'long'));
    expect(cfd?.kind === 'decline' && cfd.reason).toMatch(
      /^A VWAP rule needs traded volume, and LEAN's XAUUSD data are quotes without volume\./,
    );
    const mixed = planCompose(request([instrument('AAPL', 'equity', 'usa'), instrument('EURUSD', 'forex', 'oanda')], 'vwap', 'long'));
    expect(mixed?.kind).toBe('decline');
  });
});

describe('pairs', () => {
  it('declines a pairs trade long only, quoting the words', () => {
    expect(declined('Pairs trade KO and PEP, long only').message).toMatch(
      /^A pairs trade holds one leg short, so it cannot be written long only \("long only"\)\./,
    );
  });

  it('declines a pairs trade short only, and one of three instruments', () => {
    const ko = instrument('KO', 'equity', 'usa');
    const pep = instrument('PEP', 'equity', 'usa');
    const short = planCompose(request([ko, pep], 'pairs', 'short'));
    expect(short?.kind === 'decline' && short.reason).toMatch(/cannot be written short only/);
    const three = planCompose(request([ko, pep, instrument('AAPL', 'equity', 'usa')], 'pairs', 'both'));
    expect(three?.kind === 'decline' && three.reason).toBe('A pairs trade needs exactly two instruments; the prompt names 3.');
  });
});

describe('options', () => {
  // Options are being added to the composer (optionLegs.ts): a prompt for options is written as option
  // legs on the underlying, or declined; never as a trade of the underlying alone.
  it('writes an options prompt as options on its underlying, or declines it', () => {
    for (const [prompt, right, side] of [
      ['Buy AAPL calls when RSI below 30', 'call', 'buy'],
      ['Sell 30-delta SPY puts every month', 'put', 'sell'],
    ] as const) {
      let result;
      try {
        result = generateOffline(prompt);
      } catch (error) {
        if (!isOfflineDeclined(error)) throw error;
        expect(error.message).toMatch(/options/);
        continue;
      }
      expect(result.plan?.options?.legs.map((l) => [l.right, l.side])).toEqual([[right, side]]);
      expect(result.code).toMatch(new RegExp(`option = self\\.add_option\\("${result.plan!.options!.underlying.symbol}", Resolution\\.`));
      expect(result.code).toContain('self.market_order(contract.symbol, ');
    }
  });

  it('declines options it would have to guess: no right, or two underlyings', () => {
    const noRight = planCompose(request([instrument('SPY', 'option', 'usa', { option: { underlying: 'SPY' } })], 'rsi', 'long'));
    expect(noRight?.kind).toBe('decline');
    const two = planCompose(
      request(
        [
          instrument('SPY', 'option', 'usa', { option: { underlying: 'SPY', right: read('call') } }),
          instrument('QQQ', 'option', 'usa', { option: { underlying: 'QQQ', right: read('call') } }),
        ],
        'rsi',
        'long',
      ),
    );
    expect(two?.kind).toBe('decline');
    expect(two?.kind === 'decline' && two.reason).toMatch(/SPY, QQQ/);
  });
});

describe('risk in units the instrument does not have', () => {
  it('a pip stop on an equity is a risk gap, with no stop in the code', () => {
    const result = generateOffline('RSI on AAPL, long only, 30 pip stop loss');
    expect(result.gaps).toEqual([
      {
        field: 'risk',
        sentence: 'The stop loss "30 pip stop loss" is in pips, which only currency pairs and CFDs have; it is not in the code.',
      },
    ]);
    expect(result.plan?.risk).toEqual({});
    expect(result.code).not.toContain('_risk_exit');
    expect(result.code).not.toContain('minimum_price_variation');
  });

  it('a pip trailing stop and take profit on a future are risk gaps too', () => {
    const es = instrument('ES', 'future', 'cme');
    const outcome = planCompose(
      request([es], 'rsi', 'long', { trailingStop: read({ amount: 20, unit: 'pips' }), takeProfit: read({ amount: 40, unit: 'pips' }) }),
    );
    expect(outcome?.kind).toBe('plan');
    if (outcome?.kind !== 'plan') return;
    expect(outcome.gaps.map((g) => g.field)).toEqual(['risk', 'risk']);
    expect(outcome.plan.risk).toEqual({});
    expect(renderComposed(outcome.plan)).not.toContain('minimum_price_variation');
  });

  it('a pip stop on a pair is written', () => {
    const outcome = planCompose(
      request([instrument('EURUSD', 'forex', 'oanda')], 'rsi', 'long', { stopLoss: read({ amount: 30, unit: 'pips' }) }),
    );
    expect(outcome?.kind === 'plan' && outcome.gaps).toEqual([]);
  });
});
