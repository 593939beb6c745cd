// `lean-author generate` as a real process: the offline generator on a fresh machine, an endpoint (a
// scripted stand-in for a hosted model), the real SmolLM2 through --local-model, and the refusals.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiStandIn, type OpenAiStandIn } from './openAiStandIns';
import { buyAndHoldAlgorithm, modelAnswer } from './leanAlgorithms';
import { cli, modelPath } from './serveProcess';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function generate(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(cwd, ['generate', ...args], env);
}

function runCli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEAN_AUTHOR_') && k !== 'OPENAI_API_KEY'));
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const cleanAlgorithm = modelAnswer(buyAndHoldAlgorithm({ daily: true }));

describe('lean-author generate', () => {
  let dir: string;
  let model: OpenAiStandIn;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-generate-'));
    model = await startOpenAiStandIn({ kind: 'script', answers: [cleanAlgorithm] });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await model.close();
  });

  it('writes nothing and exits 3 when the offline generator cannot write the request, saying what it understood', async () => {
    const run = await generate(dir, ['Sell 30-delta puts on AMD and on NVDA every month', '--offline', '--name', 'Puts']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /^Nothing was written\. The offline generator writes options on one underlying at a time; the prompt asks for options on AMD, NVDA\./,
    );
    expect(run.stderr).toContain('Understood: AMD (option on usa), NVDA (option on usa).');
    expect(run.stderr).toMatch(/model endpoint/);
    expect(existsSync(path.join(dir, 'Puts'))).toBe(false);
    const json = await generate(dir, [
      'Short BTC on Coinbase when RSI(14) is above 70, short only',
      '--offline',
      '--name',
      'Crypto',
      '--json',
    ]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({
      written: false,
      declined: expect.stringMatching(/cash account, which cannot sell short/),
      understood: [{ symbol: 'BTCUSD', securityType: 'crypto', market: 'coinbase' }],
    });
    expect(existsSync(path.join(dir, 'Crypto'))).toBe(false);
  });

  it('prints and records what the offline code does not do of the request', async () => {
    const run = await generate(dir, ['RSI(14) on ETH on Coinbase and on AAPL, long and short', '--offline', '--name', 'Partial']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('  not done: The short side "long and short" is not traded: ETHUSD on coinbase trades in a cash account');
    const record = JSON.parse(readFileSync(path.join(dir, 'Partial', 'generation.json'), 'utf8')) as {
      unfulfilled: string[];
      request: { instruments: { symbol: string }[] };
    };
    expect(Object.keys(record).slice(0, 2)).toEqual(['prompt', 'unfulfilled']);
    expect(record.unfulfilled).toHaveLength(1);
    expect(record.request.instruments.map((i) => i.symbol)).toEqual(['ETHUSD', 'AAPL']);
  });

  it('checks a project against the request its generation.json records when validating main.py', async () => {
    const run = await generate(dir, ['RSI(14) on SOL on Coinbase, long and short', '--offline', '--name', 'ShortSide']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/not done: The short side "long and short" is not traded/);
    const main = path.join(dir, 'ShortSide', 'main.py');
    const validate = (file: string) => runCli(dir, ['validate', file]);
    const checked = await validate(main);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/main\.py:\d+:\d+: error \[request-mismatch\] The prompt asks for "long and short"/);
    // Without the record, the same code is just a clean algorithm.
    rmSync(path.join(dir, 'ShortSide', 'generation.json'));
    const unchecked = await validate(main);
    expect(unchecked.code, unchecked.stdout).toBe(0);
    // A broken record is said, and the file is still validated.
    writeFileSync(path.join(dir, 'ShortSide', 'generation.json'), '{ broken');
    const broken = await validate(main);
    expect(broken.code).toBe(0);
    expect(broken.stderr).toMatch(/warning: .*generation\.json: generation\.json is not valid JSON/);
  });

  it('uses the offline generator on a machine with no model and says so', async () => {
    const run = await generate(dir, ['RSI mean reversion on AAPL and MSFT with a 5% stop']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/No model is set up .* offline generator/);
    expect(run.stdout).toMatch(/Written by the offline generator/);
    const project = path.join(dir, /Wrote (\S+)\/main\.py/.exec(run.stdout)![1]!.split('/').pop()!);
    const config = JSON.parse(readFileSync(path.join(project, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      'algorithm-language': 'Python',
      parameters: {},
      description: 'RSI mean reversion on AAPL and MSFT with a 5% stop',
    });
    expect(String(config['local-id'])).toMatch(/^\d{9}$/);
    const main = readFileSync(path.join(project, 'main.py'), 'utf8');
    expect(main).toMatch(/from AlgorithmImports import \*/);
    expect(main).toMatch(/RelativeStrengthIndex\(14/);
    expect(main).toMatch(/"AAPL"/);
    expect(main).toMatch(/"MSFT"/);
    const record = JSON.parse(readFileSync(path.join(project, 'generation.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ source: 'offline', clean: true, prompt: 'RSI mean reversion on AAPL and MSFT with a 5% stop' });
  });

  it('creates the project in the Lean CLI workspace above the current folder', async () => {
    const workspace = path.join(dir, 'workspace');
    mkdirSync(path.join(workspace, 'Nested', 'deeper'), { recursive: true });
    writeFileSync(path.join(workspace, 'lean.json'), '{\n  // Lean CLI settings\n  "data-folder": "data"\n}\n');
    const run = await generate(path.join(workspace, 'Nested', 'deeper'), [
      'SMA crossover on SPY',
      '--offline',
      '--name',
      'SpyCross',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { project: string; source: string; files: string[] };
    expect(result.project).toBe(path.join(workspace, 'SpyCross'));
    expect(result.files).toEqual(['SpyCross/main.py', 'SpyCross/config.json', 'SpyCross/generation.json']);
    expect(readFileSync(path.join(workspace, 'SpyCross', 'main.py'), 'utf8')).toMatch(/class SpyCross\(QCAlgorithm\)/);
  });

  it('never overwrites an existing project', async () => {
    mkdirSync(path.join(dir, 'Taken'));
    writeFileSync(path.join(dir, 'Taken', 'main.py'), 'mine\n');
    const run = await generate(dir, ['SMA crossover on SPY', '--offline', '--name', 'Taken']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Taken already exists and is left untouched\. Choose another --name/);
    expect(readFileSync(path.join(dir, 'Taken', 'main.py'), 'utf8')).toBe('mine\n');
  });

  it('uses an OpenAI-compatible endpoint given by flags, with its key from the environment', async () => {
    const run = await generate(dir, ['Buy and hold SPY', '--base-url', model.baseURL, '--model', 'stand-in', '--name', 'Held', '--json'], {
      LEAN_AUTHOR_API_KEY: 'sk-test',
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { source: string; endpoint: { name: string; model: string }; rounds: number };
    expect(result).toMatchObject({ source: 'model', endpoint: { name: 'endpoint', model: 'stand-in' }, rounds: 1 });
    expect(readFileSync(path.join(dir, 'Held', 'main.py'), 'utf8')).toContain('class BuyAndHold(QCAlgorithm)');
    expect(run.stdout).not.toContain('sk-test');
    expect(readFileSync(path.join(dir, 'Held', 'generation.json'), 'utf8')).not.toContain('sk-test');
  });

  it('explains bad usage: an empty prompt, a bad name, an endpoint without a model', async () => {
    expect((await generate(dir, ['  '])).stderr).toMatch(/prompt is empty/);
    expect((await generate(dir, ['SMA on SPY', '--name', '9 lives'])).stderr).toMatch(/does not work: Use letters/);
    const noModel = await generate(dir, ['SMA on SPY', '--base-url', model.baseURL]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/--base-url needs --model/);
  });

  it('generates with the real SmolLM2 through --local-model and records the rounds', async () => {
    expect(existsSync(modelPath)).toBe(true);
    const run = await generate(dir, [
      'SMA crossover on SPY',
      '--local-model',
      modelPath,
      '--name',
      'Small',
      '--repair-rounds',
      '1',
      '--max-tokens',
      '200',
      '--examples',
      '0',
      '--json',
    ]);
    expect([0, 1], run.stderr).toContain(run.code);
    const result = JSON.parse(run.stdout) as { source: string; endpoint: { name: string }; rounds: number };
    expect(result.source).toBe('model');
    expect(result.endpoint.name).toBe('local');
    const record = JSON.parse(readFileSync(path.join(dir, 'Small', 'generation.json'), 'utf8')) as { rounds: { endpoint: string }[] };
    expect(record.rounds.length).toBe(result.rounds);
    expect(record.rounds.every((r) => r.endpoint === 'local')).toBe(true);
  }, 300_000);
});
