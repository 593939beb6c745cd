import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { buyAndHoldAlgorithm, coinbaseRsiAlgorithm, modelAnswer } from '../integration/leanAlgorithms';
import { startOpenAiStandIn, type OpenAiStandIn } from '../integration/openAiStandIns';
import { leanDiagnostics, waitFor, workspaceFile } from './helpers';

// A scripted stand-in plays a hosted model (these machines reach none); the real local server on
// SmolLM2 is covered by the model server suite and the CLI tests.
const algorithm = (orderCall: string) =>
  modelAnswer(buyAndHoldAlgorithm({ className: 'ScriptedMomentum', daily: true, orderCall }), 'Sure, here it is:');
const clean = algorithm('self.set_holdings(self._spy, 1)');
const refined = algorithm('self.set_holdings(self._spy, 0.5)');

type Outcome = { status: string; detail?: string; message?: string };

describe('Generate LEAN Strategy', () => {
  const config = () => vscode.workspace.getConfiguration('leanAuthor');
  const folder = () => workspaceFile('').fsPath;
  let model: OpenAiStandIn;
  let keyed: OpenAiStandIn;

  before(async () => {
    model = await startOpenAiStandIn({ kind: 'script', answers: [clean, refined] });
    keyed = await startOpenAiStandIn({ kind: 'script', answers: [clean], requireKey: 'sk-suite' });
    await config().update('generation.useLocalServer', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('generation.useLocalServer', undefined, vscode.ConfigurationTarget.Global);
    await config().update('generation.endpoints', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('leanAuthor.setApiKey', 'keyed', '');
    await model.close();
    await keyed.close();
  });

  it('writes an offline project when no model is set up, with no error diagnostics', async function () {
    this.timeout(60_000);
    const outcome = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', {
      prompt: 'RSI mean reversion on AAPL and MSFT with a 5% stop',
      name: 'OfflineRsi',
      folder: folder(),
    })) as Outcome;
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    const main = vscode.Uri.file(outcome.detail!);
    assert.equal(main.fsPath, workspaceFile('OfflineRsi/main.py').fsPath);
    const config = JSON.parse(readFileSync(workspaceFile('OfflineRsi/config.json').fsPath, 'utf8')) as Record<string, unknown>;
    assert.equal(config['algorithm-language'], 'Python');
    assert.equal(config['description'], 'RSI mean reversion on AAPL and MSFT with a 5% stop');
    const record = JSON.parse(readFileSync(workspaceFile('OfflineRsi/generation.json').fsPath, 'utf8')) as Record<string, unknown>;
    assert.equal(record['source'], 'offline');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, main.fsPath);
    assert.equal(vscode.window.activeTextEditor?.document.isDirty, false);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.deepEqual(
      leanDiagnostics(main).filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      [],
    );
  });

  it('writes nothing offline for a request it cannot write, and says what it cannot do', async function () {
    this.timeout(60_000);
    const outcome = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', {
      prompt: 'Sell 30-delta puts on AMD and on NVDA every month',
      name: 'OfflineOptions',
      folder: folder(),
      offline: true,
    })) as Outcome;
    assert.equal(outcome.status, 'needs-setup', JSON.stringify(outcome));
    assert.match(outcome.message ?? '', /writes options on one underlying at a time; the prompt asks for options on AMD, NVDA/);
    assert.equal(existsSync(workspaceFile('OfflineOptions').fsPath), false);
  });

  it('lists in generation.json and the file what the offline code does not do', async function () {
    this.timeout(60_000);
    const outcome = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', {
      prompt: 'RSI(14) on ETH on Coinbase, long and short, 4h bars',
      name: 'OfflinePartial',
      folder: folder(),
      offline: true,
    })) as Outcome;
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    const record = JSON.parse(readFileSync(workspaceFile('OfflinePartial/generation.json').fsPath, 'utf8')) as { unfulfilled: string[] };
    assert.deepEqual(record.unfulfilled, [
      'The short side "long and short" is not traded: ETHUSD on coinbase trades in a cash account, which cannot sell short (LEAN\'s coinbase brokerage model offers no margin account).',
    ]);
    const code = readFileSync(workspaceFile('OfflinePartial/main.py').fsPath, 'utf8');
    assert.match(code, /Not done[^\n]*\n\s+- The short side "long and short" is not traded/);
    assert.match(code, /self\.add_crypto\("ETHUSD", Resolution\.HOUR, Market\.COINBASE\)/);
  });

  it('writes a crypto strategy with a model and names, in the notification and the file, what its code does not do', async function () {
    this.timeout(90_000);
    // The scripted model answers the right instrument and rule but leaves out the take profit, every round.
    const crypto = modelAnswer(coinbaseRsiAlgorithm());
    const standIn = await startOpenAiStandIn({ kind: 'script', answers: [crypto, crypto, crypto, crypto] });
    try {
      await config().update(
        'generation.endpoints',
        [{ name: 'crypto', baseURL: standIn.baseURL, model: 'stand-in' }],
        vscode.ConfigurationTarget.Global,
      );
      const outcome = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', {
        prompt: 'RSI(14) mean reversion on BTCUSD on Coinbase with hourly bars: buy below 30, sell above 70, take profit at 8%',
        name: 'CoinbaseRsi',
        folder: folder(),
      })) as Outcome;
      assert.equal(outcome.status, 'done', JSON.stringify(outcome));
      const main = workspaceFile('CoinbaseRsi/main.py');
      assert.match(readFileSync(main.fsPath, 'utf8'), /self\.add_crypto\("BTCUSD", Resolution\.HOUR, Market\.COINBASE\)/);
      const record = JSON.parse(readFileSync(workspaceFile('CoinbaseRsi/generation.json').fsPath, 'utf8')) as {
        unfulfilled: string[];
        request: { instruments: { symbol: string; securityType: string; market: string }[] };
      };
      assert.deepEqual(
        record.request.instruments.map((i) => [i.symbol, i.securityType, i.market]),
        [['BTCUSD', 'crypto', 'coinbase']],
      );
      assert.equal(record.unfulfilled.length, 1, JSON.stringify(record.unfulfilled));
      assert.match(record.unfulfilled[0]!, /"take profit at 8%"/);
      assert.match(outcome.message ?? '', /Not done: .*"take profit at 8%"/);
      // The repair loop was shown the mismatch, and the editor shows it on main.py from generation.json.
      assert.match(standIn.requests[1]!.messages.at(-1)!.content, /request-mismatch/);
      const mismatch = await waitFor(
        () => leanDiagnostics(main).filter((d) => d.code === 'request-mismatch'),
        (list) => list.length === 1,
        'the request-mismatch diagnostic on main.py',
      );
      assert.equal(mismatch[0]!.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await config().update('generation.endpoints', undefined, vscode.ConfigurationTarget.Global);
      await standIn.close();
    }
  });

  it('streams a model answer into main.py and records the endpoint that answered', async function () {
    this.timeout(60_000);
    await config().update(
      'generation.endpoints',
      [
        { name: 'down', baseURL: 'http://127.0.0.1:9/v1', model: 'none' },
        { name: 'scripted', baseURL: model.baseURL, model: 'stand-in' },
      ],
      vscode.ConfigurationTarget.Global,
    );
    const outcome = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', {
      prompt: 'Buy and hold SPY',
      name: 'Streamed',
      folder: folder(),
    })) as Outcome;
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    const text = readFileSync(workspaceFile('Streamed/main.py').fsPath, 'utf8');
    assert.match(text, /class ScriptedMomentum\(QCAlgorithm\)/);
    assert.doesNotMatch(text, /Sure, here it is|```/);
    const record = JSON.parse(readFileSync(workspaceFile('Streamed/generation.json').fsPath, 'utf8')) as {
      source: string;
      endpoint: { name: string };
      rounds: { failovers: { endpoint: string }[] }[];
    };
    assert.equal(record.source, 'model');
    assert.equal(record.endpoint.name, 'scripted');
    assert.deepEqual(
      record.rounds[0]!.failovers.map((f) => f.endpoint),
      ['down'],
    );
    assert.equal(model.requests[0]!.messages[0]!.role, 'system');
    assert.match(model.requests[0]!.messages[0]!.content, /from AlgorithmImports import \*/);
  });

  it('refuses an existing project folder and leaves it untouched', async () => {
    const outcome = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', {
      prompt: 'SMA crossover on SPY',
      name: 'SmaCrossover',
      folder: folder(),
      offline: true,
    })) as Outcome;
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message!, /already exists, so nothing was written/);
    assert.match(readFileSync(workspaceFile('SmaCrossover/main.py').fsPath, 'utf8'), /class SmaCrossover/);
  });

  it('reports a missing API key as a configuration error, leaves no files, and works once Set API Key stored it', async function () {
    this.timeout(60_000);
    await config().update(
      'generation.endpoints',
      [{ name: 'keyed', baseURL: keyed.baseURL, model: 'stand-in' }],
      vscode.ConfigurationTarget.Global,
    );
    const args = { prompt: 'Buy and hold SPY', name: 'NeedsKey', folder: folder() };
    const refused = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', args)) as Outcome;
    assert.equal(refused.status, 'failed');
    assert.match(refused.message!, /keyed .* answered 401.*Set API Key/);
    assert.equal(existsSync(workspaceFile('NeedsKey').fsPath + '/main.py'), false);
    const stored = (await vscode.commands.executeCommand('leanAuthor.setApiKey', 'keyed', 'sk-suite')) as Outcome;
    assert.deepEqual(stored, { status: 'done', detail: 'keyed' });
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('leanAuthor'));
    assert.doesNotMatch(settingsText, /sk-suite/);
    const done = (await vscode.commands.executeCommand('leanAuthor.generateStrategy', args)) as Outcome;
    assert.equal(done.status, 'done', JSON.stringify(done));
  });

  it('refines the open algorithm through a diff, applies it as one undoable edit', async function () {
    this.timeout(60_000);
    await config().update(
      'generation.endpoints',
      [{ name: 'scripted', baseURL: model.baseURL, model: 'stand-in' }],
      vscode.ConfigurationTarget.Global,
    );
    const document = await vscode.workspace.openTextDocument(workspaceFile('Streamed/main.py'));
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const outcome = (await vscode.commands.executeCommand('leanAuthor.refineStrategy', {
      instruction: 'hold only half the portfolio',
      decision: 'accept',
    })) as Outcome;
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    assert.match(document.getText(), /set_holdings\(self\._spy, 0\.5\)/);
    const request = model.requests.at(-1)!.messages.at(-1)!.content;
    assert.match(request, /hold only half the portfolio/);
    assert.match(request, /class ScriptedMomentum/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(
      () => document.getText(),
      (text) => text === before,
      'undo to restore the original',
    );
  });
});
