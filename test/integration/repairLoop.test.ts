// The repair loop over real HTTP with a scripted stand-in model (a hosted model's answers cannot be
// controlled, so a local server plays one): a known API error is fed back with its line and code and
// repaired in the next round; a model that never fixes it stops at the configured number of rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStrategy } from '../../extension/core/generation/generate';
import { generateWithRepair } from '../../extension/core/generation/repairLoop';
import { createValidator, LEAN_API_INDEX, type Validator } from '../../extension/core/validation/index';
import { parserAssets } from '../unit/parserAssets';
import { closedPort, startOpenAiStandIn, type OpenAiStandIn } from './openAiStandIns';
import { buyAndHoldAlgorithm, modelAnswer } from './leanAlgorithms';

const algorithm = (orderCall: string) =>
  modelAnswer(buyAndHoldAlgorithm({ className: 'Momentum', daily: true, orderCall }), 'Here is the strategy.');
const broken = algorithm('self.set_holding(self._spy, 1)');
const fixed = algorithm('self.set_holdings(self._spy, 1)');

describe('repair loop', () => {
  let validator: Validator;
  const standIns: OpenAiStandIn[] = [];
  const standIn = async (answers: string[]) => {
    const s = await startOpenAiStandIn({ kind: 'script', answers });
    standIns.push(s);
    return s;
  };
  const validate = (code: string) => validator.validate(code);
  const chain = { firstTokenTimeoutMs: 5_000 };
  beforeAll(async () => {
    validator = await createValidator(parserAssets);
  });
  afterAll(async () => {
    validator.dispose();
    await Promise.all(standIns.map((s) => s.close()));
  });

  it('feeds a known API error back with its line and code, and takes the repaired answer', async () => {
    const model = await standIn([broken, fixed]);
    const events: string[] = [];
    const result = await generateWithRepair({
      endpoints: [{ name: 'scripted', baseURL: model.baseURL, model: 'm' }],
      messages: [{ role: 'user', content: 'Buy SPY and hold.' }],
      validate,
      maxRepairRounds: 3,
      chain,
      onEvent: (e) => events.push(e.type === 'round' ? `round ${e.round.round}: ${e.round.errors} errors` : e.type),
    });
    expect(result.clean).toBe(true);
    expect(result.rounds).toHaveLength(2);
    expect(result.chosen).toBe(1);
    expect(result.code).toContain('self.set_holdings(self._spy, 1)');
    expect(result.rounds[0]!.errors).toBeGreaterThan(0);
    expect(events).toContain('round 0: 1 errors');
    expect(events).toContain('round 1: 0 errors');
    const followUp = model.requests[1]!.messages;
    expect(followUp.at(-2)).toMatchObject({ role: 'assistant', content: broken });
    const feedback = followUp.at(-1)!.content;
    expect(feedback).toMatch(/line 15 \[[a-z-]+\] error: .*set_holding.*set_holdings/);
    expect(feedback).toContain('self.set_holding(self._spy, 1)');
  });

  it('stops after the configured rounds and returns the best version with what remains', async () => {
    const model = await standIn([broken]);
    const result = await generateWithRepair({
      endpoints: [{ name: 'stubborn', baseURL: model.baseURL, model: 'm' }],
      messages: [{ role: 'user', content: 'Buy SPY and hold.' }],
      validate,
      maxRepairRounds: 2,
      chain,
    });
    expect(result.clean).toBe(false);
    expect(result.rounds).toHaveLength(3);
    expect(model.requests).toHaveLength(3);
    expect(result.rounds[result.chosen]!.diagnostics.some((d) => d.message.includes('set_holding'))).toBe(true);
  });

  it('keeps the round whose code parses over a later one that broke the syntax with as many errors', async () => {
    // Round 0: one API error. Round 1: a syntax error instead, also one error.
    const syntaxBroken = algorithm('self.set_holdings(self._spy, 1');
    const model = await standIn([broken, syntaxBroken]);
    const result = await generateWithRepair({
      endpoints: [{ name: 'wobbly', baseURL: model.baseURL, model: 'm' }],
      messages: [{ role: 'user', content: 'Buy SPY and hold.' }],
      validate,
      maxRepairRounds: 1,
      chain,
    });
    expect(result.rounds).toHaveLength(2);
    expect(result.rounds[1]!.diagnostics.some((d) => d.code.startsWith('syntax-'))).toBe(true);
    expect(result.rounds[1]!.errors).toBe(result.rounds[0]!.errors);
    // Before, a tie in the error count went to the later round even when it no longer parsed.
    expect(result.chosen).toBe(0);
    expect(result.code).toContain('self.set_holding(self._spy, 1)');
  });

  it('asks again when an answer has no code at all', async () => {
    const model = await standIn(['I would buy SPY when momentum is positive.', fixed]);
    const result = await generateWithRepair({
      endpoints: [{ name: 'chatty', baseURL: model.baseURL, model: 'm' }],
      messages: [{ role: 'user', content: 'Buy SPY and hold.' }],
      validate,
      maxRepairRounds: 1,
      chain,
    });
    expect(result.clean).toBe(true);
    expect(result.rounds[0]!.diagnostics[0]!.code).toBe('no-code');
    expect(model.requests[1]!.messages.at(-1)!.content).toMatch(/contained no Python code/);
  });

  it('falls back to the offline generator when no endpoint answers, and says why', async () => {
    const outcome = await generateStrategy({
      prompt: 'RSI mean reversion on AAPL and MSFT with a 5% stop',
      className: 'RsiTest',
      endpoints: [{ name: 'down', baseURL: `http://127.0.0.1:${await closedPort()}/v1`, model: 'm' }],
      offline: false,
      offlineFallback: true,
      maxRepairRounds: 1,
      firstTokenTimeoutMs: 5_000,
      maxTokens: 500,
      temperature: 0,
      examples: 1,
      index: LEAN_API_INDEX,
      validate,
    });
    expect(outcome.source).toBe('offline');
    expect(outcome.offlineReason).toMatch(/down: connection refused/);
    expect(outcome.clean).toBe(true);
    expect(outcome.code).toContain('class RsiTest(QCAlgorithm)');
  });
});
