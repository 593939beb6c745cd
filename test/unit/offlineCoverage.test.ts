// Honesty of the offline generator: what its code does not do of a request is listed, a request it
// cannot write is declined, and bad input gets a clear message. Prompts and algorithms of our own.
import { describe, expect, it } from 'vitest';
import { offlineCoverage, withUnfulfilled } from '../../extension/core/generation/offlineCoverage';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import { MAX_PROMPT_CHARS, readRequest } from '../../extension/core/request/readRequest';

function declined(prompt: string): { message: string; unfulfilled: string[] } {
  try {
    generateOffline(prompt);
  } catch (error) {
    if (isOfflineDeclined(error)) return { message: error.message, unfulfilled: error.unfulfilled };
    throw error;
  }
  throw new Error(`not declined: ${prompt}`);
}

describe('readRequest bad input', () => {
  it('says an empty or blank prompt is empty', () => {
    for (const text of ['', '   \n\t ']) expect(readRequest(text).problems.map((p) => p.kind)).toEqual(['empty']);
  });

  it('refuses a prompt longer than the limit with its length', () => {
    const request = readRequest(`RSI on AAPL ${'x'.repeat(MAX_PROMPT_CHARS)}`);
    expect(request.problems[0]?.kind).toBe('too-long');
    expect(request.problems[0]?.message).toContain('20,000');
    expect(readRequest('a'.repeat(MAX_PROMPT_CHARS)).problems).toEqual([]);
  });

  it('says a prompt in another script is not English', () => {
    expect(readRequest('苹果和微软的均值回归策略，止损百分之五').problems[0]?.kind).toBe('not-english');
    expect(readRequest('Стратегия возврата к среднему на AAPL').problems[0]?.kind).toBe('not-english');
  });
});

describe('offline generator', () => {
  it('declines a request for instruments it cannot trade, naming them and the fix', () => {
    const options = declined('Sell 30-delta puts on AMD and on NVDA every month');
    expect(options.message).toContain('options on one underlying at a time; the prompt asks for options on AMD, NVDA');
    expect(options.message).toMatch(/model endpoint/);
  });

  it('declines empty, oversized and non-English prompts with the reader’s message', () => {
    expect(declined(' ').message).toMatch(/empty/);
    expect(declined('y'.repeat(MAX_PROMPT_CHARS + 1)).message).toMatch(/characters long/);
    expect(declined('苹果的均值回归策略').message).toMatch(/English/);
  });

  it('writes a request across markets, each instrument on its own market', () => {
    const generated = generateOffline('Buy ETH on Kraken and AAPL when RSI is below 30');
    expect(generated.plan?.instruments.map((i) => `${i.symbol}:${i.type}:${i.market}`)).toEqual([
      'ETHUSD:crypto:kraken',
      'AAPL:equity:usa',
    ]);
    expect(generated.code).toContain('self._track(self.add_crypto("ETHUSD", Resolution.DAILY, Market.KRAKEN))');
    expect(generated.code).toContain('self._track(self.add_equity("AAPL", Resolution.DAILY))');
    // Kraken's brokerage model cannot trade equities, so a mixed book keeps LEAN's default model.
    expect(generated.code).not.toContain('set_brokerage_model');
    expect(generated.unfulfilled).toEqual([]);
  });

  it('says when it trades a default in place of a ticker it could not read', () => {
    const generated = generateOffline('rsi strategy on appl');
    expect(generated.unfulfilled[0]).toMatch(/"appl" is not a symbol LEAN knows; did you mean AAPL\?/);
    expect(generated.unfulfilled.slice(1)).toEqual(generated.spec!.tickers.map((t) => `The code trades ${t} in its place.`));
  });

  it('lists nothing when the code trades what was asked', () => {
    const generated = generateOffline('RSI mean reversion on AAPL and MSFT with a 5% stop');
    expect(generated.unfulfilled).toEqual([]);
    expect(generated.code).not.toContain('Not done');
  });
});

describe('offlineCoverage', () => {
  const request = readRequest('Momentum on AAPL and MSFT');
  it('names an asked ticker the code leaves out and a ticker it adds', () => {
    expect(offlineCoverage(request, { tickers: ['AAPL', 'SPY'], resolution: 'DAILY', direction: 'long' }).unfulfilled).toEqual([
      'MSFT was asked for but the code does not trade it.',
      'The code trades SPY, which the prompt did not ask for.',
    ]);
    expect(offlineCoverage(request, { tickers: ['MSFT', 'AAPL'], resolution: 'DAILY', direction: 'long' }).unfulfilled).toEqual([]);
  });
});

describe('withUnfulfilled', () => {
  it('adds the sentences to a multi-line docstring, indented as it is', () => {
    const code = 'class A(QCAlgorithm):\n    """Summary.\n\n    Detail.\n    """\n\n    def initialize(self):\n        pass\n';
    expect(withUnfulfilled(code, ['One.', 'Two """quoted"""'])).toBe(
      'class A(QCAlgorithm):\n    """Summary.\n\n    Detail.\n\n    Not done (generation.json lists these under "unfulfilled"):\n    - One.\n    - Two \\"\\"\\"quoted\\"\\"\\"\n    """\n\n    def initialize(self):\n        pass\n',
    );
  });

  it('opens a one-line docstring, and comments code without one', () => {
    expect(withUnfulfilled('class A:\n    """Summary."""\n', ['One.'])).toBe(
      'class A:\n    """Summary.\n\n    Not done (generation.json lists these under "unfulfilled"):\n    - One.\n    """\n',
    );
    expect(withUnfulfilled('x = 1\n', ['One.'])).toBe('# Not done: One.\nx = 1\n');
    expect(withUnfulfilled('x = 1\n', [])).toBe('x = 1\n');
  });
});
