// The instruments of a request, read from prompts of our own against the committed symbol index.
import { describe, expect, it } from 'vitest';
import { Prompt } from '../../extension/core/request/promptText';
import { readInstruments } from '../../extension/core/request/readInstruments';
import { readRequest } from '../../extension/core/request/readRequest';
import { symbolIndex } from '../../extension/core/request/symbols';

function read(text: string) {
  const prompt = new Prompt(text);
  const reading = readInstruments(prompt, symbolIndex());
  return { ...reading, prompt, symbols: reading.instruments.map((i) => `${i.securityType}:${i.symbol}@${i.market}`) };
}

describe('readInstruments', () => {
  it('reads US equities and ETFs, with the span each came from', () => {
    const r = read('RSI mean reversion on AAPL and MSFT with a 5% stop');
    expect(r.symbols).toEqual(['equity:AAPL@usa', 'equity:MSFT@usa']);
    expect(r.instruments.map((i) => 'RSI mean reversion on AAPL and MSFT with a 5% stop'.slice(i.span.start, i.span.end))).toEqual([
      'AAPL',
      'MSFT',
    ]);
    expect(read('60/40 SPY/TLT rebalanced quarterly').symbols).toEqual(['etf:SPY@usa', 'etf:TLT@usa']);
    expect(read('Momentum on $tsla').symbols).toEqual(['equity:TSLA@usa']);
  });

  it('reads a crypto pair on the exchange named, and never the exchange as a stock', () => {
    const r = read('Breakout strategy on BTCUSD on Coinbase, 4h bars');
    expect(r.symbols).toEqual(['crypto:BTCUSD@coinbase']);
    expect(r.instruments[0]?.marketStated).toBe(true);
    expect(r.markets.map((m) => m.value)).toEqual(['coinbase']);
    expect(read('Trade ETH on Kraken when RSI < 30').symbols).toEqual(['crypto:ETHUSD@kraken']);
    expect(read('bitcoin and ethereum trend following').symbols).toEqual(['crypto:BTCUSD@coinbase', 'crypto:ETHUSD@coinbase']);
    expect(read('BTC/USDT grid on Binance').symbols).toEqual(['crypto:BTCUSDT@binance']);
  });

  it('takes LEAN’s default market when none is named, and says it was not stated', () => {
    const r = read('mean reversion on BTCUSD');
    expect(r.symbols).toEqual(['crypto:BTCUSD@coinbase']);
    expect(r.instruments[0]?.marketStated).toBe(false);
  });

  it('reads currency pairs in any case and spelling', () => {
    expect(read('Mean reversion on EURUSD and usdjpy').symbols).toEqual(['forex:EURUSD@oanda', 'forex:USDJPY@oanda']);
    expect(read('carry trade on AUD/JPY with FXCM').symbols).toEqual(['forex:AUDJPY@fxcm']);
  });

  it('reads futures roots as futures on their exchanges when the prompt is about futures', () => {
    const r = read('Continuous futures ES, NQ, CL and GC, trend following');
    expect(r.symbols).toEqual(['future:ES@cme', 'future:NQ@cme', 'future:CL@nymex', 'future:GC@comex']);
    expect(r.instruments[0]?.future?.root).toBe('ES');
    expect(r.instruments[0]?.description).toBe('E-mini S&P 500 Futures');
  });

  it('reads an option request with its contract selection, and no stray tickers', () => {
    const r = read('Covered call on AAPL, 30-delta, ~30 DTE');
    expect(r.symbols).toEqual(['equity:AAPL@usa', 'option:AAPL@usa']);
    const option = r.instruments[1]?.option;
    expect(option?.underlying).toBe('AAPL');
    expect(option?.delta?.value).toBe(0.3);
    expect(option?.daysToExpiry?.value).toBe(30);
    expect(option?.right?.value).toBe('call');
    expect(r.problems).toEqual([]);
  });

  it('does not turn words, units, indicators or markets into tickers', () => {
    expect(read('Short GOOGL when RSI(14) is above 80, shorts only').symbols).toEqual(['equity:GOOGL@usa']);
    expect(read('Go flat by 15:55 UK time on SPY').symbols).toEqual(['etf:SPY@usa']);
    expect(read('pairs on KO and PEP with an OLS hedge ratio').symbols).toEqual(['equity:KO@usa', 'equity:PEP@usa']);
    expect(read('I spy a trend in the data').symbols).toEqual([]);
    const bars = read('EMA 9/21 crossover on QQQ with hourly bars');
    expect(bars.symbols).toEqual(['etf:QQQ@usa']);
    expect(bars.problems).toEqual([]);
  });

  it('reads lower-case tickers only where the words around them say so', () => {
    expect(read('buy spy and qqq on a golden cross').symbols).toEqual(['etf:SPY@usa', 'etf:QQQ@usa']);
  });

  it('names an unknown or misspelt ticker as a problem with a suggestion', () => {
    const typo = read('rsi strategy on appl');
    expect(typo.symbols).toEqual([]);
    expect(typo.problems).toEqual([expect.objectContaining({ kind: 'unknown-ticker', suggestion: 'AAPL' })]);
    const unknown = read('Momentum on QWXYZ');
    expect(unknown.problems[0]).toMatchObject({ kind: 'unknown-ticker' });
    expect(unknown.problems[0]?.message).toContain('QWXYZ');
  });

  it('reads company names as their tickers', () => {
    expect(read('SMA crossover on Apple and Microsoft').symbols).toEqual(['equity:AAPL@usa', 'equity:MSFT@usa']);
  });

  it('leaves what it took out of the unread text', () => {
    const r = read('Trade ETH on Kraken');
    expect(r.prompt.unread().map((s) => 'Trade ETH on Kraken'.slice(s.start, s.end))).toEqual(['Trade', 'on']);
  });

  it('reads perpetuals as crypto futures on the market named for them', () => {
    expect(read('ethusdt perp on binance, rsi 14').symbols).toEqual(['cryptofuture:ETHUSDT@binance']);
    expect(read('SOL perpetual on Bybit against usdt, with a 20/50 EMA cross').symbols).toEqual(['cryptofuture:SOLUSDT@bybit']);
  });

  it("reads a perpetual named with no market on LEAN's default for crypto futures, not the spot default", () => {
    expect(read('BTCUSDT perpetual, 20-day Donchian breakout').symbols).toEqual(['cryptofuture:BTCUSDT@binance']);
    expect(read('bitcoin perp against usdt, rsi 14').symbols).toEqual(['cryptofuture:BTCUSDT@binance']);
    // A spot market named still places the pair there.
    expect(read('ETHUSD perp on Kraken').symbols).not.toContain('cryptofuture:ETHUSD@binance');
  });

  it('leaves a day of the month to the schedule where a futures prompt says nothing of rolling', () => {
    const r = readRequest('GC futures, Keltner(20, 2), rebalance on the last trading day of each month');
    expect(r.instruments.map((i) => [i.symbol, i.future?.mapping?.value])).toEqual([['GC', undefined]]);
    expect(r.schedule?.value).toEqual({ every: 'month', at: 'end' });
    expect(read('CL futures, roll on the last trading day').instruments[0]?.future?.mapping?.value).toBe('last-trading-day');
  });

  it('reads no coin from an English word capitalised at the start of a sentence', () => {
    expect(read('Trade BTCUSDT perpetual on Binance with an EMA crossover. On the hourly.').symbols).toEqual([
      'cryptofuture:BTCUSDT@binance',
    ]);
    expect(read('ETHUSDT perp on Bybit. On weekly bars, long only.').symbols).toEqual(['cryptofuture:ETHUSDT@bybit']);
  });

  it('reads no delta from a bar size written like one ("1d bars") in a prompt about options', () => {
    const r = readRequest('RSI(14) on AAPL. Buy 10% OTM AAPL puts with 90 DTE, 1d bars.');
    expect(r.instruments.map((i) => i.option && { delta: i.option.delta?.value, moneyness: i.option.moneyness?.value })).toEqual([
      { delta: undefined, moneyness: 'otm' },
    ]);
    expect(r.bar?.value).toEqual({ size: 1, unit: 'day' });
    expect(read('SPY 16d short strangle, 45 dte').instruments.map((i) => i.option?.delta?.value)).toEqual([0.16, 0.16]);
  });

  it('reads no coin from an indicator’s abbreviation in a prompt about perpetuals', () => {
    expect(read('BB(20,2) on ETHUSDT perpetual futures on Bybit, with a 50-day EMA trend filter').symbols).toEqual([
      'cryptofuture:ETHUSDT@bybit',
    ]);
    expect(read('ETH perp on Bybit against usdt, rsi 14').symbols).toEqual(['cryptofuture:ETHUSDT@bybit']);
  });

  it('reads an index named as one, and a market written in lower case after "on"', () => {
    expect(read('breakout on the ndx index, daily').symbols).toEqual(['index:NDX@usa']);
    expect(read('xauusd cfd on fxcm, 4h bars').symbols).toEqual(['cfd:XAUUSD@fxcm']);
  });

  it('never reads a common word, a misspelt word after a ticker, or "put" as a verb as an instrument', () => {
    expect(read('Hold 60% VTI and 40% BND, and pay no attention to noise').symbols).toEqual(['etf:VTI@usa', 'etf:BND@usa']);
    expect(read('rsi on KO stok, buy below 25').symbols).toEqual(['equity:KO@usa']);
    expect(read('rsi(3) on xlu, put 20% of the account in each trade').symbols).toEqual(['etf:XLU@usa']);
  });

  it('reads a flagship futures root as its future where nothing says stocks, and as the stock among stocks', () => {
    expect(read('NQ opening range breakout, 5 minute bars').symbols).toEqual(['future:NQ@cme']);
    expect(read('Fade CL spikes above the upper Bollinger band').symbols).toEqual(['future:CL@nymex']);
    expect(read('GC 40-day breakout').symbols).toEqual(['future:GC@comex']);
    // Among other stocks, or in a prompt about shares, the ticker is the company's.
    expect(read('Pairs on CL and PG, z-score 2').symbols).toEqual(['equity:CL@usa', 'equity:PG@usa']);
    expect(read('Buy ES shares when RSI(2) is under 10').symbols).toEqual(['equity:ES@usa']);
    expect(read('Momentum on $ES').symbols).toEqual(['equity:ES@usa']);
  });

  it('reads no instrument from a symbol named only as what is not traded', () => {
    expect(read('Trade the Micro E-mini Nasdaq (MNQ) rather than NQ, 1-minute bars').symbols).toEqual(['future:MNQ@cme']);
    expect(read('Buy IEF instead of TLT when the 50-day SMA turns up').symbols).toEqual(['etf:IEF@usa']);
    // Named elsewhere as traded, it stays.
    expect(read('Hold SPY rather than QQQ; trade SPY on a golden cross').symbols).toEqual(['etf:SPY@usa']);
    expect(read('Rotate SPY and QQQ, or SPY rather than QQQ in a downturn').symbols).toEqual(['etf:SPY@usa', 'etf:QQQ@usa']);
  });

  it('raises an unknown market, never LEAN’s default one, for a venue LEAN does not know', () => {
    const r = read('Breakout on SOL on KuCoin, 4h bars');
    expect(r.symbols).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'unknown-market' })]);
    expect(r.problems[0]?.message).toContain('KuCoin');
    expect(r.problems[0]?.message).toContain('SOLUSD');
    // A stock's market is usa whatever the broker.
    expect(read('RSI on AAPL through Webull').symbols).toEqual(['equity:AAPL@usa']);
    // A market LEAN knows named too places the pair there.
    expect(read('ETH on Kraken, not Robinhood').problems).toEqual([]);
  });

  it('reads a market id that is no English word wherever it stands', () => {
    expect(read('ethusd perp dydx, ema 9/21').symbols).toEqual(['cryptofuture:ETHUSD@dydx']);
    expect(read('gbp/jpy fxcm macd').symbols).toEqual(['forex:GBPJPY@fxcm']);
  });

  it('reads futures by name in either order, with the word futures', () => {
    const r = read('S&P 500 E-mini futures trend following');
    expect(r.symbols).toEqual(['future:ES@cme']);
    expect(r.prompt.unread().map((s) => r.prompt.original.slice(s.start, s.end))).toEqual(['trend following']);
    expect(read('five yr treasury note futures, RSI 2').symbols).toEqual(['future:ZF@cbot']);
  });

  it('takes the words that only restate an instrument: a misspelt kind, the name of the index it tracks', () => {
    const unread = (text: string) => {
      const r = read(text);
      return r.prompt.unread().map((s) => text.slice(s.start, s.end));
    };
    expect(unread('breakout on NVDA stcok')).toEqual(['breakout on']);
    expect(unread('bollinger reversion on the Nasdaq 100 indx (NDX)')).toEqual(['bollinger reversion on the']);
    expect(unread('macd on the FTSE 100 one, UK100GBP, cfd')).toEqual(['macd on the', 'cfd']);
    expect(read('macd on the FTSE 100 one, UK100GBP, cfd').problems).toEqual([]);
    expect(unread('keltner on SPX (S&P 500 cash index)')).toEqual(['keltner on']);
  });

  it('reads lower-case tickers in a list, and a misspelt company name as a problem', () => {
    expect(read('pairs trade on gs and ms').symbols).toEqual(['equity:GS@usa', 'equity:MS@usa']);
    const misspelt = read('sma 10/50 on nvidai and microsfot');
    expect(misspelt.problems.map((p) => p.suggestion)).toContain('MSFT');
  });
});

describe('coins and names around symbols', () => {
  it('reads a lower-case coin code that is also a word as the coin right before a crypto exchange named, and not elsewhere', () => {
    expect(read('rsi dips on link at kraken, hourly').symbols).toEqual(['crypto:LINKUSD@kraken']);
    expect(read('send me a link to a macd strategy on SPY').symbols).toEqual(['etf:SPY@usa']);
  });

  it('reads the words of a name before a bracketed symbol as that instrument, not as an unknown ticker', () => {
    const r = read('Spread between ULSD heating oil (HO) and gasoline (RB) futures, 40-day z-score');
    expect(r.symbols).toEqual(['future:HO@nymex', 'future:RB@nymex']);
    expect(r.problems).toEqual([]);
    // Without a bracketed symbol after it, an unknown ticker in capitals is still a problem.
    expect(read('Pairs trade ZZZQ against AAPL').problems.map((p) => p.kind)).toEqual(['unknown-ticker']);
  });

  it('reads "micro" and "mini" before a contract as words, never as misspelt tickers', () => {
    const r = read('micro dow futures MYM, 20/50 ema cross on 15 minute bars');
    expect(r.symbols).toEqual(['future:MYM@cbot']);
    expect(r.problems).toEqual([]);
  });
});

describe('coins, exchanges and the words around them', () => {
  it('reads a coin in capitals where a crypto exchange is named, though no word says crypto', () => {
    expect(read('Momentum on DOT on Coinbase, 20-day lookback').symbols).toEqual(['crypto:DOTUSD@coinbase']);
  });

  it('reads a coin LEAN lists only on other exchanges as not listed on the one named, with where it is listed', () => {
    const r = read('RSI(14) reversion on XMR via Coinbase');
    expect(r.symbols).toEqual([]);
    expect(r.problems.map((p) => [p.kind, p.message])).toEqual([
      ['not-listed', 'LEAN lists no crypto XMR on coinbase; it lists it on binance, bitfinex, kraken.'],
    ]);
  });

  it('reads a stablecoin named as the quote of the coins as no coin of its own', () => {
    expect(read('EMA 12/26 cross on ADA, AVAX and DOT against USDC on Kraken').symbols).toEqual([
      'crypto:ADAUSDC@kraken',
      'crypto:AVAXUSDC@kraken',
      'crypto:DOTUSDC@kraken',
    ]);
  });

  it('reads neither a word of the signal vocabulary nor the half of a hyphenated word as a misspelt ticker', () => {
    expect(read('santa rally on dia, long for the last week of december').problems).toEqual([]);
    expect(read('Mean-reverting strategy with a time-sectional twist on KO').problems).toEqual([]);
  });
});

describe('two coins in a pairs trade', () => {
  it('reads "ETH against BTC" as two legs in a pairs trade, and as ETH quoted in BTC elsewhere', () => {
    const legs = readRequest('Pairs trade ETH against BTC on Kraken on the z-score of their spread');
    expect(legs.instruments.map((i) => `${i.symbol}:${i.market}`)).toEqual(['ETHUSD:kraken', 'BTCUSD:kraken']);
    const quoted = readRequest('RSI on ETH against BTC on Kraken');
    expect(quoted.instruments.map((i) => i.symbol)).toContain('ETHBTC');
  });
});
