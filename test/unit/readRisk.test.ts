// Risk rules read from prompts of our own: stops, trailing stops and targets bound to their own words,
// time exits, drawdown limits and flat-by times; and the sizing, signal and filter phrases that are none.
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../extension/core/request/readRequest';
import type { RiskRequest } from '../../extension/core/request/types';

/** Each rule read, as its value and the words it came from. */
function rules(prompt: string): Record<string, [unknown, string]> {
  const risk: RiskRequest = readRequest(prompt).risk;
  return Object.fromEntries(Object.entries(risk).map(([k, r]) => [k, [r.value, prompt.slice(r.span.start, r.span.end)]]));
}

describe('stops and targets', () => {
  it.each([
    ['Buy AAPL dips with a 5% stop', { stopLoss: [{ amount: 0.05, unit: 'fraction' }, '5% stop'] }],
    ['RSI on SPY, stop loss at 2 ATR', { stopLoss: [{ amount: 2, unit: 'atr' }, 'stop loss at 2 ATR'] }],
    ['EMA cross on QQQ with a 2x ATR stop', { stopLoss: [{ amount: 2, unit: 'atr' }, '2x ATR stop'] }],
    ['Long MSFT, trailing stop of 3%', { trailingStop: [{ amount: 0.03, unit: 'fraction' }, 'trailing stop of 3%'] }],
    ['Long TSLA breakouts, profit target 10%', { takeProfit: [{ amount: 0.1, unit: 'fraction' }, 'profit target 10%'] }],
    ['EURUSD breakout with a 50 pips stop', { stopLoss: [{ amount: 50, unit: 'pips' }, '50 pips stop'] }],
    [
      'Mean reversion on SPY, stop at 1.5 standard deviations',
      { stopLoss: [{ amount: 1.5, unit: 'std' }, 'stop at 1.5 standard deviations'] },
    ],
    ['Buy QQQ with a $500 stop', { stopLoss: [{ amount: 500, unit: 'usd' }, '$500 stop'] }],
    ['Buy XLE, 3 ATR trailing stop', { trailingStop: [{ amount: 3, unit: 'atr' }, '3 ATR trailing stop'] }],
    ['Buy IWM with a 50 bps stop', { stopLoss: [{ amount: 0.005, unit: 'fraction' }, '50 bps stop'] }],
  ])('%s', (prompt, expected) => expect(rules(prompt)).toEqual(expected));

  it('reads a distance joined to its unit by a hyphen', () => {
    expect(rules('GBPUSD breakouts with a 40-pip stop loss and a 90-pip target')).toEqual({
      stopLoss: [{ amount: 40, unit: 'pips' }, '40-pip stop loss'],
      takeProfit: [{ amount: 90, unit: 'pips' }, '90-pip target'],
    });
    expect(rules('Trend on XLI with a 3-ATR trailing stop')).toEqual({ trailingStop: [{ amount: 3, unit: 'atr' }, '3-ATR trailing stop'] });
  });

  it('binds each distance to its own words ("Take profit 4%, trailing stop 2%" is no 4% trailing stop)', () => {
    expect(rules('Buy NVDA. Take profit 4%, trailing stop 2%')).toEqual({
      takeProfit: [{ amount: 0.04, unit: 'fraction' }, 'Take profit 4%'],
      trailingStop: [{ amount: 0.02, unit: 'fraction' }, 'trailing stop 2%'],
    });
    expect(rules('aapl tp 1.5% sl 2%')).toEqual({
      takeProfit: [{ amount: 0.015, unit: 'fraction' }, 'tp 1.5%'],
      stopLoss: [{ amount: 0.02, unit: 'fraction' }, 'sl 2%'],
    });
    expect(rules('Buy SPY, 5% stop 10% take profit')).toEqual({
      stopLoss: [{ amount: 0.05, unit: 'fraction' }, '5% stop'],
      takeProfit: [{ amount: 0.1, unit: 'fraction' }, '10% take profit'],
    });
  });
});

describe('time exit, drawdown and flat by', () => {
  it.each([
    ['Buy SPY at the open and exit after 5 days', { timeExit: [{ count: 5, unit: 'day' }, 'exit after 5 days'] }],
    ['Dip buying on SPY, hold for 10 bars', { timeExit: [{ count: 10, unit: 'bar' }, 'hold for 10 bars'] }],
    ['Scalp QQQ and close after 3 hours', { timeExit: [{ count: 3, unit: 'hour' }, 'close after 3 hours'] }],
    ['Breakouts on IWM, max holding period 20 days', { timeExit: [{ count: 20, unit: 'day' }, 'max holding period 20 days'] }],
    ['Trend on SPY; stop trading at 20% drawdown', { maxDrawdown: [0.2, 'stop trading at 20% drawdown'] }],
    ['Rotation on XLK and XLF, max drawdown 15%', { maxDrawdown: [0.15, 'max drawdown 15%'] }],
    ['Trend on EWZ, 18% max drawdown, then the bot must halt', { maxDrawdown: [0.18, '18% max drawdown, then the bot must halt'] }],
    ['Hold VT; close everything if the drawdown goes past 25%', { maxDrawdown: [0.25, 'close everything if the drawdown goes past 25%'] }],
    [
      'Hold 70% VTI and 30% BND; if the entire thing drops 25% below its high, sell everything and stop',
      { maxDrawdown: [0.25, 'if the entire thing drops 25% below its high, sell everything and stop'] },
    ],
    ['Intraday SPY, flat by 15:55', { flatBy: ['15:55', 'flat by 15:55'] }],
    ['SPY scalps; close everything at 3:55pm', { flatBy: ['15:55', 'close everything at 3:55pm'] }],
    ['Intraday QQQ with no overnight positions', { flatBy: ['16:00', 'no overnight positions'] }],
    [
      'Day trade SPY, close all positions 5 minutes before the close',
      { flatBy: ['15:55', 'close all positions 5 minutes before the close'] },
    ],
  ])('%s', (prompt, expected) => expect(rules(prompt)).toEqual(expected));
});

describe('what is not risk', () => {
  it('leaves risk-per-trade, volatility targets, indicator widths and signals to their readers', () => {
    for (const prompt of [
      'Breakouts on QQQ, risking 1% per trade',
      'SPY and TLT, target 10% annualized volatility',
      'Bollinger 20, 2 std on SPY',
      'Buy AAPL when RSI is below 30 and sell above 70',
      'Rotate SPY and TLT, 10% per position',
      'Buy SPY, stop loss below the 20-day low',
    ])
      expect({ prompt, risk: readRequest(prompt).risk }).toEqual({ prompt, risk: {} });
  });

  it('reads the stop of a risk-per-trade sentence and leaves the risk to sizing', () => {
    const prompt = 'Trade QQQ; size by ATR, risking 0.5% per trade with a 2 ATR stop';
    const request = readRequest(prompt);
    expect(rules(prompt)).toEqual({ stopLoss: [{ amount: 2, unit: 'atr' }, '2 ATR stop'] });
    expect(request.sizing?.value.kind).toBe('risk-per-trade');
  });
});

describe('misspelt and loosely worded risk rules', () => {
  it.each([
    // A word one typo from a rule word is read as it: any typo, not a list of them.
    ['Long AMZN breakouts, stp los 3%', { stopLoss: [{ amount: 0.03, unit: 'fraction' }, 'stp los 3%'] }],
    ['KO dips with a 7% trailign stop', { trailingStop: [{ amount: 0.07, unit: 'fraction' }, '7% trailign stop'] }],
    ['Buy CAT, trailnig stop 2 atr', { trailingStop: [{ amount: 2, unit: 'atr' }, 'trailnig stop 2 atr'] }],
    ['XOM swing trades, 6% stpo', { stopLoss: [{ amount: 0.06, unit: 'fraction' }, '6% stpo'] }],
    ['Buy NKE; maximum drawdonw 12%', { maxDrawdown: [0.12, 'maximum drawdonw 12%'] }],
    ['Scalp MU on 1-minute bars, falt by 15:45', { flatBy: ['15:45', 'falt by 15:45'] }],
  ])('%s', (prompt, expected) => expect(rules(prompt)).toEqual(expected));

  it('leaves English words alone, however close to a rule word', () => {
    // "stoop" and "step" are English words, never read as "stop".
    expect(rules('Buy PFE, 4% stoop')).toEqual({});
    expect(rules('Buy PFE and step back 4%')).toEqual({});
  });

  it.each([
    ['Sell puts on IWM and buy them back at 60% profit', { takeProfit: [{ amount: 0.6, unit: 'fraction' }, 'at 60% profit'] }],
    [
      'Pairs on XOM and CVX, with a stop if the ratio moves 2.5 standard deviations the wrong way',
      { stopLoss: [{ amount: 2.5, unit: 'std' }, 'stop if the ratio moves 2.5 standard deviations'] },
    ],
    [
      'Breakouts on ROKU; close out any position that has not moved after 8 bars',
      { timeExit: [{ count: 8, unit: 'bar' }, 'close out any position that has not moved after 8 bars'] },
    ],
    [
      'Hold VOO, and go to cash if the account falls 18% below its peak',
      { maxDrawdown: [0.18, 'if the account falls 18% below its peak'] },
    ],
    ['Momentum on EEM; halt if drawdown ever exceeds 22%', { maxDrawdown: [0.22, 'drawdown ever exceeds 22%'] }],
    ['Long SNAP gaps, close the trade by 11:15', { flatBy: ['11:15', 'close the trade by 11:15'] }],
    ['amd rsi 2, 1m bars, flat 15:50', { flatBy: ['15:50', 'flat 15:50'] }],
    ['MACD on UBER, 15-minute bars, be flat before the close, at 15:40', { flatBy: ['15:40', 'be flat before the close, at 15:40'] }],
  ])('%s', (prompt, expected) => expect(rules(prompt)).toEqual(expected));
});
