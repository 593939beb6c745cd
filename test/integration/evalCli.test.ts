// `lean-author eval` as a real process: the real SmolLM2 through --local-model, scripted stand-ins for a
// hosted model (a known good algorithm, prose, a broken answer repaired), backtests on podman with the
// TEST STAND-IN LEAN image, cancellation, and the refusals.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalResult } from '../../extension/core/evaluation/evalReport';
import { STAGES, type AnswerStages } from '../../extension/core/evaluation/stages';
import { buyAndHoldAlgorithm, modelAnswer } from './leanAlgorithms';
import { closedPort, startOpenAiStandIn, type OpenAiStandIn, type StandInBehaviour } from './openAiStandIns';
import { buildStandInImage, podmanAvailable, startPodman, type PodmanEngine } from './podmanEngine';
import { cli, MODEL_ID, modelPath } from './serveProcess';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function evaluate(args: string[], env: Record<string, string> = {}, onStderr?: (text: string, kill: () => void) => void): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEAN_AUTHOR_') && k !== 'OPENAI_API_KEY'));
  const child = spawn(process.execPath, [cli, 'eval', ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, () => child.kill('SIGINT'));
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const SYSTEM = 'You write trading algorithms for QuantConnect LEAN in Python.';
const PROMPTS = [
  { id: 'sma-0001/plain', family: 'sma-crossover', prompt: 'SMA crossover on SPY with 10 and 30 day averages' },
  { id: 'rsi-0001/question', family: 'rsi-mean-reversion', prompt: 'How would I trade RSI mean reversion on AAPL in LEAN?' },
  { id: 'ema-0001/plain', family: 'ema-crossover', prompt: 'EMA crossover 12/26 on QQQ, daily' },
];

/** A dataset split as build_dataset writes it: prompt [system, user], completion, meta. */
function writeDataset(file: string, count: number): string {
  const lines = PROMPTS.slice(0, count).map((p) =>
    JSON.stringify({
      prompt: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: p.prompt },
      ],
      completion: [{ role: 'assistant', content: '```python\npass\n```' }],
      meta: { id: p.id, family: p.family, source: 'template' },
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const answers = (row: EvalResult['rows'][number]) => [row.noRepair, row.withRepair];

/** Each stage implies the one before; unmeasured backtest stages are null. */
function expectGated(stages: AnswerStages, backtest: boolean): void {
  expect(!stages.parses || stages.extracted).toBe(true);
  expect(!stages.clean || stages.parses).toBe(true);
  expect(!stages.clean || stages.errors === 0).toBe(true);
  if (backtest) {
    expect(!stages.backtestRan || stages.clean).toBe(true);
    expect(!stages.traded || stages.backtestRan).toBe(true);
  } else {
    expect(stages.backtestRan).toBeNull();
    expect(stages.traded).toBeNull();
  }
}

/** The summary's counts are the rows' counts, and shares their fraction. */
function expectSummaryMatchesRows(result: EvalResult): void {
  const { summary, rows } = result;
  expect(summary.prompts).toBe(rows.length);
  expect(Object.keys(summary.noRepair)).toEqual(result.stages);
  expect(Object.keys(summary.withRepair)).toEqual(result.stages);
  for (const stage of result.stages) {
    const noRepair = rows.filter((r) => r.noRepair[stage] === true).length;
    const withRepair = rows.filter((r) => r.withRepair[stage] === true).length;
    expect(summary.noRepair[stage]).toEqual({ count: noRepair, share: noRepair / rows.length });
    expect(summary.withRepair[stage]).toEqual({ count: withRepair, share: withRepair / rows.length });
  }
  for (const [i, stage] of result.stages.entries())
    if (i > 0) expect(summary.noRepair[stage]!.count).toBeLessThanOrEqual(summary.noRepair[result.stages[i - 1]!]!.count);
}

describe('lean-author eval', () => {
  let dir: string;
  let good: OpenAiStandIn;
  const standIns: OpenAiStandIn[] = [];
  const standIn = async (behaviour: StandInBehaviour) => {
    const model = await startOpenAiStandIn(behaviour);
    standIns.push(model);
    return model;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-eval-'));
    good = await standIn({ kind: 'script', answers: [modelAnswer(buyAndHoldAlgorithm({ daily: true }))] });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all(standIns.map((s) => s.close()));
  });

  it('evaluates the real SmolLM2 on dataset prompts through the local server, with JSON and Markdown results', async () => {
    expect(existsSync(modelPath)).toBe(true);
    const prompts = writeDataset(path.join(dir, 'test.jsonl'), 3);
    const out = path.join(dir, 'smol', 'result.json');
    const run = await evaluate([
      '--prompts',
      prompts,
      '--limit',
      '2',
      '--local-model',
      modelPath,
      '--threads',
      '1',
      '--max-tokens',
      '48',
      '--repair-rounds',
      '1',
      '--json',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as EvalResult;
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(result);
    expect(result).toMatchObject({
      tool: 'lean-author eval',
      label: MODEL_ID,
      cancelled: false,
      stages: ['extracted', 'parses', 'clean', 'matches'],
      model: { localModel: modelPath, adapters: [], loadedAdapters: [], endpoints: [{ name: 'local', model: MODEL_ID }] },
      settings: { prompts, promptsInFile: 3, limit: 2, examples: 0, repairRounds: 1, maxTokens: 48, temperature: 0, backtest: false },
    });
    // The dataset's system message is not what this build sends, and the result says so.
    expect(result.warnings.join(' ')).toMatch(/2 of 2 dataset prompts were built with a system message other than/);
    expect(result.rows.map((r) => [r.index, r.id, r.prompt, r.meta?.['family']])).toEqual(
      PROMPTS.slice(0, 2).map((p, i) => [i, p.id, p.prompt, p.family]),
    );
    for (const row of result.rows) {
      expect(row.error).toBeNull();
      expect(row.rounds.length).toBeGreaterThanOrEqual(1);
      expect(row.rounds.length).toBeLessThanOrEqual(2);
      expect(row.rounds.every((r) => r.endpoint === 'local' && r.model === MODEL_ID)).toBe(true);
      expect(row.noRepair.round).toBe(0);
      expect(row.noRepair.errors).toBe(row.rounds[0]!.errors);
      expect(row.withRepair.round).toBeLessThan(row.rounds.length);
      // A first answer with errors gets its repair round.
      if (!row.noRepair.clean) expect(row.rounds.length).toBe(2);
      for (const stages of answers(row)) {
        expectGated(stages, false);
        expect(stages.extracted).toBe(stages.code !== '');
      }
    }
    expectSummaryMatchesRows(result);
    expect(result.summary.failed).toBe(0);
    const markdown = readFileSync(path.join(dir, 'smol', 'result.md'), 'utf8');
    expect(markdown).toContain(`## Evaluation: ${MODEL_ID}`);
    expect(markdown).toMatch(/\| Stage \| No repair \| With repair \(≤1 rounds\) \|/);
    expect(
      markdown.match(/^\| (Code extracted|Parses|Validator-clean|Matches the request) \| \d\/2 \(\d+%\) \| \d\/2 \(\d+%\) \|$/gm),
    ).toHaveLength(4);
    expect(run.stderr).toMatch(/Starting the local model server on SmolLM2/);
    expect(run.stderr).toMatch(/^\[1\/2\] no repair: \w+/m);
    expect(run.stderr).toMatch(/^\[2\/2\] no repair: \w+/m);
  }, 600_000);

  it('scores a known good algorithm through every validator stage, asking with the zero-example prompt', async () => {
    const prompts = path.join(dir, 'plain.txt');
    writeFileSync(prompts, '# held-out prompts\nBuy and hold SPY\n\nBuy SPY and keep it\n');
    const before = good.requests.length;
    const run = await evaluate(['--prompts', prompts, '--base-url', good.baseURL, '--model', 'stand-in', '--label', 'good', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as EvalResult;
    expect(result.label).toBe('good');
    expect(result.model).toEqual({
      endpoints: [{ name: 'endpoint', baseURL: good.baseURL, model: 'stand-in' }],
      localModel: null,
      adapters: [],
      loadedAdapters: [],
    });
    expect(result.rows.map((r) => [r.id, r.prompt, r.meta])).toEqual([
      ['line-2', 'Buy and hold SPY', null],
      ['line-4', 'Buy SPY and keep it', null],
    ]);
    for (const row of result.rows)
      for (const stages of answers(row))
        expect(stages).toMatchObject({
          round: 0,
          extracted: true,
          parses: true,
          clean: true,
          matches: true,
          backtestRan: null,
          traded: null,
          errors: 0,
        });
    expect(result.summary.noRepair).toEqual({
      extracted: { count: 2, share: 1 },
      parses: { count: 2, share: 1 },
      clean: { count: 2, share: 1 },
      matches: { count: 2, share: 1 },
    });
    expectSummaryMatchesRows(result);
    // One request per prompt (clean at once), each the system prompt and the request alone, greedy.
    const requests = good.requests.slice(before) as unknown as { messages: { role: string; content: string }[]; temperature: number }[];
    expect(requests.map((r) => r.messages.map((m) => m.role))).toEqual([
      ['system', 'user'],
      ['system', 'user'],
    ]);
    expect(requests.map((r) => r.messages[1]!.content)).toEqual(['Buy and hold SPY', 'Buy SPY and keep it']);
    expect(requests.every((r) => r.temperature === 0 && r.messages[0]!.content.startsWith('You write trading algorithms'))).toBe(true);
  });

  it('scores a prose answer as reaching no stage, before and after repair', async () => {
    const prose = await standIn({
      kind: 'script',
      answers: ['A moving average crossover buys when the fast average rises above the slow one.'],
    });
    const prompts = path.join(dir, 'one.txt');
    writeFileSync(prompts, 'SMA crossover on SPY\n');
    const run = await evaluate([
      '--prompts',
      prompts,
      '--base-url',
      prose.baseURL,
      '--model',
      'stand-in',
      '--repair-rounds',
      '1',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as EvalResult;
    const [row] = result.rows;
    for (const stages of answers(row!))
      expect(stages).toMatchObject({ extracted: false, parses: false, clean: false, errorCodes: ['no-code'], code: '' });
    expect(row!.rounds).toHaveLength(2);
    expect(prose.requests[1]!.messages.at(-1)!.content).toMatch(/Your answer contained no Python code/);
    expect(result.summary.withRepair).toEqual({
      extracted: { count: 0, share: 0 },
      parses: { count: 0, share: 0 },
      clean: { count: 0, share: 0 },
      matches: { count: 0, share: 0 },
    });
    // With no code in any round the product keeps the first answer.
    expect(run.stderr).toMatch(/\[1\/1\] no repair: nothing · with repair: same code · errors by round 1→1/);
  });

  it('scores a broken first answer and its repair separately, and prints the table', async () => {
    const broken = buyAndHoldAlgorithm({ daily: true }).replace('def on_data(self, data: Slice):', 'def on_data(self, data: Slice)');
    const repaired = await standIn({ kind: 'script', answers: [modelAnswer(broken), modelAnswer(buyAndHoldAlgorithm({ daily: true }))] });
    const prompts = path.join(dir, 'repair.txt');
    writeFileSync(prompts, 'Buy and hold SPY\n');
    const run = await evaluate(['--prompts', prompts, '--base-url', repaired.baseURL, '--model', 'stand-in', '--repair-rounds', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\| Code extracted \| 1\/1 \(100%\) \| 1\/1 \(100%\) \|$/m);
    expect(run.stdout).toMatch(/^\| Parses \| 0\/1 \(0%\) \| 1\/1 \(100%\) \|$/m);
    expect(run.stdout).toMatch(/^\| Validator-clean \| 0\/1 \(0%\) \| 1\/1 \(100%\) \|$/m);
    expect(run.stdout).toMatch(/^\| Matches the request \| 0\/1 \(0%\) \| 1\/1 \(100%\) \|$/m);
    expect(run.stderr).toMatch(/no repair: extracted · with repair: matches the request \(round 1\) · errors by round 1→0/);
    expect(repaired.requests[1]!.messages.at(-1)!.content).toMatch(/syntax-missing-colon/);
  });

  it('stops on Ctrl-C, keeping what was evaluated, and exits 130', async () => {
    const hang = await standIn({ kind: 'hang' });
    const prompts = path.join(dir, 'hang.txt');
    writeFileSync(prompts, 'Buy and hold SPY\nSMA crossover on SPY\n');
    const out = path.join(dir, 'cancelled.json');
    let sent = false;
    const started = Date.now();
    const run = await evaluate(
      ['--prompts', prompts, '--base-url', hang.baseURL, '--model', 'stand-in', '--out', out],
      {},
      (text, kill) => {
        if (!sent && /Evaluating 2 prompt/.test(text)) {
          sent = true;
          setTimeout(kill, 300);
        }
      },
    );
    expect(run.code, run.stderr).toBe(130);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.stderr).toMatch(/Cancelled after 0 of 2 prompt\(s\)/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as EvalResult;
    expect(result).toMatchObject({ cancelled: true, rows: [], summary: { prompts: 0 } });
  });

  it('refuses bad input with a clear message and exit code 2', async () => {
    const missing = await evaluate(['--prompts', path.join(dir, 'nope.jsonl'), '--base-url', good.baseURL, '--model', 'stand-in']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/lean-author eval: cannot read the prompts file .*nope\.jsonl: ENOENT/);

    const empty = path.join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n\n');
    const none = await evaluate(['--prompts', empty, '--base-url', good.baseURL, '--model', 'stand-in']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/empty\.jsonl holds no prompts/);

    const badJson = path.join(dir, 'bad.jsonl');
    writeFileSync(badJson, '{"prompt": "ok"}\n{"prompt": [\n');
    const bad = await evaluate(['--prompts', badJson, '--base-url', good.baseURL, '--model', 'stand-in']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.jsonl:2 is not valid JSON/);

    const prompts = path.join(dir, 'one.txt');
    writeFileSync(prompts, 'SMA crossover on SPY\n');
    const unreachable = await evaluate(['--prompts', prompts, '--base-url', `http://127.0.0.1:${await closedPort()}/v1`, '--model', 'x']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /lean-author eval: no model endpoint answered: endpoint: connection refused \(is the server running\?\)/,
    );

    const noModel = await evaluate(['--prompts', prompts]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/there is no model to evaluate/);

    const loraAlone = await evaluate([
      '--prompts',
      prompts,
      '--lora',
      path.join(dir, 'a.gguf'),
      '--base-url',
      good.baseURL,
      '--model',
      'x',
    ]);
    expect(loraAlone.code).toBe(2);
    expect(loraAlone.stderr).toMatch(/--lora needs --local-model/);

    const noAdapter = await evaluate(['--prompts', prompts, '--local-model', modelPath, '--lora', path.join(dir, 'missing.gguf')]);
    expect(noAdapter.code).toBe(2);
    expect(noAdapter.stderr).toMatch(/missing\.gguf does not exist/);

    const noWorkspace = await evaluate([
      '--prompts',
      prompts,
      '--base-url',
      good.baseURL,
      '--model',
      'x',
      '--backtest',
      '--workspace',
      dir,
    ]);
    expect(noWorkspace.code).toBe(2);
    expect(noWorkspace.stderr).toMatch(/holds no lean\.json/);
  });
});

describe.runIf(process.env['CI'] === 'true' || podmanAvailable())('lean-author eval --backtest', () => {
  let engine: PodmanEngine;
  let image: string;
  let ws: string;
  let model: OpenAiStandIn;
  beforeAll(async () => {
    engine = await startPodman();
    image = buildStandInImage(engine.env);
    ws = mkdtempSync(path.join(os.tmpdir(), 'lean-author-eval-ws-'));
    writeFileSync(path.join(ws, 'lean.json'), '{ "data-folder": "data" }\n');
    mkdirSync(path.join(ws, 'data'));
    // The first prompt gets buy-and-hold; the second a clean algorithm that fails at run time (the stand-in's marker).
    const failing = buyAndHoldAlgorithm({ daily: true, orderCall: 'self.set_holdings(self._spy, 1)  # stand-in: runtime-error' });
    model = await startOpenAiStandIn({
      kind: 'script',
      answers: [modelAnswer(buyAndHoldAlgorithm({ daily: true })), modelAnswer(failing)],
    });
  }, 180_000);
  afterAll(async () => {
    await model?.close();
    await engine?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('backtests clean answers: buy-and-hold ran and traded, a run-time failure stops at the backtest stage', async () => {
    const prompts = path.join(ws, 'prompts.txt');
    writeFileSync(prompts, 'Buy and hold SPY\nBuy SPY and keep it\n');
    const run = await evaluate(
      [
        '--prompts',
        prompts,
        '--base-url',
        model.baseURL,
        '--model',
        'stand-in',
        '--backtest',
        '--workspace',
        ws,
        '--label',
        'bt',
        '--json',
      ],
      { LEAN_AUTHOR_IMAGE: image, LEAN_AUTHOR_DOCKER_SOCKET: engine.socketPath },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as EvalResult;
    expect(result.stages).toEqual([...STAGES]);
    expect(result.settings).toMatchObject({ backtest: true, image });
    const [held, failing] = result.rows;
    for (const stages of answers(held!)) {
      expect(stages).toMatchObject({ clean: true, backtestRan: true, traded: true, backtest: { status: 'completed' } });
      expect(stages.backtest!.orders).toBeGreaterThan(0);
      expect(stages.backtest!.outputDir).toMatch(/lean-author-eval\/bt_[\d_-]+\/p001_round0\/backtests\//);
    }
    expect(readFileSync(path.join(held!.noRepair.backtest!.outputDir, '..', '..', 'main.py'), 'utf8')).toBe(held!.noRepair.code);
    expect(failing!.noRepair).toMatchObject({ clean: true, backtestRan: false, traded: false, backtest: { status: 'failed', orders: 0 } });
    expect(failing!.noRepair.backtest!.message).toMatch(/Runtime Error/);
    for (const row of result.rows) for (const stages of answers(row)) expectGated(stages, true);
    expectSummaryMatchesRows(result);
    expect(result.summary.withRepair).toMatchObject({ backtestRan: { count: 1, share: 0.5 }, traded: { count: 1, share: 0.5 } });
  }, 300_000);

  it('says what is missing when the image is not there, before asking any model', async () => {
    const prompts = path.join(ws, 'prompts.txt');
    const before = model.requests.length;
    const run = await evaluate(
      [
        '--prompts',
        prompts,
        '--base-url',
        model.baseURL,
        '--model',
        'stand-in',
        '--backtest',
        '--workspace',
        ws,
        '--image',
        'localhost/no-such-lean:1',
      ],
      { LEAN_AUTHOR_DOCKER_SOCKET: engine.socketPath },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the image localhost\/no-such-lean:1 is not on this machine/);
    expect(model.requests.length).toBe(before);
  }, 60_000);
});
