import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCode, type Extraction } from '../../extension/core/generation/extractCode';
import { createValidator, type Validator } from '../../extension/core/validation/index';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

const syntaxProblems = (code: string) => validator.validate(code).filter((d) => d.code.startsWith('syntax'));

// ---- Building blocks of the answers below. Every expected `code` is written out in full. ----

const ALGO = `from AlgorithmImports import *


class SmaCrossover(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2020, 1, 1)
        self.set_cash(100000)
        self.spy = self.add_equity("SPY", Resolution.DAILY).symbol
        self.fast = self.sma(self.spy, 10)
        self.slow = self.sma(self.spy, 50)

    def on_data(self, data):
        if not self.slow.is_ready:
            return
        if self.fast.current.value > self.slow.current.value:
            self.set_holdings(self.spy, 1)
        else:
            self.liquidate(self.spy)
`;

/** The same algorithm without its import line, for answers that split it across blocks. */
const CLASS_ONLY = ALGO.replace('from AlgorithmImports import *\n\n\n', '');

/** An earlier, buggy version (missing colon) that a later "fixed" version replaces. */
const ORIGINAL = `from AlgorithmImports import *

class Momentum(QCAlgorithm):
    def initialize(self)
        self.set_cash(100000)
        self.add_equity("SPY")
`;

const FIXED = `from AlgorithmImports import *

class Momentum(QCAlgorithm):
    def initialize(self):
        self.set_cash(100000)
        self.add_equity("SPY")
`;

const indent = (code: string, pad: string) =>
  code
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');

const PROSE_MSG = 'The model answered with prose only and no Python code; try rephrasing the request or a larger model.';
const REASONING_MSG =
  'The model spent its whole answer reasoning (a <think> block) and wrote no code; raise the max tokens for the model or ask again.';
const COMMANDS_MSG = 'The model answered with shell commands or data but no Python algorithm; ask it again for the algorithm code.';

interface Case {
  name: string;
  answer: string;
  /** Expected extracted code (ok: true), or the expected failure reason. */
  code?: string;
  source?: 'fenced' | 'unfenced';
  truncated?: boolean;
  reason?: 'empty' | 'no-code' | 'refusal';
  message?: string | RegExp;
  /** Substrings that must each appear in one of the notes. */
  notes?: string[];
}

const corpus: Case[] = [
  // ---- plain fences and their spellings ----
  {
    name: 'python fence with prose before and after',
    answer: `Here is a simple SMA crossover strategy for SPY:\n\n\`\`\`python\n${ALGO}\`\`\`\n\nIt buys when the fast SMA crosses above the slow one.`,
    code: ALGO,
    source: 'fenced',
  },
  { name: '```py label', answer: `\`\`\`py\n${ALGO}\`\`\``, code: ALGO },
  { name: '```Python capitalised', answer: `Sure!\n\`\`\`Python\n${ALGO}\`\`\`\n`, code: ALGO },
  { name: 'fence with no language', answer: `Try this:\n\`\`\`\n${ALGO}\`\`\`\nGood luck.`, code: ALGO },
  { name: 'tilde fence', answer: `~~~python\n${ALGO}~~~\n`, code: ALGO },
  { name: 'four-backtick fence with an info string', answer: `\`\`\`\`python title="main.py"\n${ALGO}\`\`\`\`\n`, code: ALGO },
  {
    name: 'fence indented inside a numbered list',
    answer: `Steps:\n\n1. Create \`main.py\` with:\n\n   \`\`\`python\n${indent(ALGO, '   ')}   \`\`\`\n\n2. Run a backtest.\n`,
    code: ALGO,
  },
  {
    name: 'code uniformly indented inside its fence is dedented',
    answer: `\`\`\`python\n${indent(ALGO, '    ')}\`\`\``,
    code: ALGO,
  },
  {
    name: 'CRLF line ends and a BOM',
    answer: `\uFEFFHere you go:\r\n\r\n\`\`\`python\r\n${ALGO.replace(/\n/g, '\r\n')}\`\`\`\r\n`,
    code: ALGO,
  },
  {
    name: 'tabs kept, trailing whitespace stripped, one final newline',
    answer:
      '```python\nfrom AlgorithmImports import *   \n\nclass Tabs(QCAlgorithm):\t\n\tdef initialize(self):  \n\t\tself.set_cash(1000)\n\n\n\n```',
    code: 'from AlgorithmImports import *\n\nclass Tabs(QCAlgorithm):\n\tdef initialize(self):\n\t\tself.set_cash(1000)\n',
  },
  {
    name: 'inline ```python``` in a prose line is not a fence',
    answer: `I always wrap code in \`\`\`python\`\`\` fences, like this:\n\n\`\`\`python\n${ALGO}\`\`\``,
    code: ALGO,
  },
  {
    name: 'chat-template end token leaked after the answer',
    answer: `\`\`\`python\n${ALGO}\`\`\`<|im_end|>`,
    code: ALGO,
  },

  // ---- reasoning blocks ----
  {
    name: 'closed <think> block with a draft, then the answer',
    answer: `<think>\nThe user wants SMA crossover. Draft:\n\`\`\`python\nclass Draft(QCAlgorithm):\n    pass\n\`\`\`\nOk, now write it properly.\n</think>\n\nHere is the algorithm:\n\n\`\`\`python\n${ALGO}\`\`\``,
    code: ALGO,
    notes: ['reasoning'],
  },
  {
    name: '<thinking> block (other spelling)',
    answer: `<thinking>Plan: two SMAs on SPY.</thinking>\n\`\`\`python\n${FIXED}\`\`\``,
    code: FIXED,
  },
  {
    name: 'dangling </think> with no opener (template opened it)',
    answer: `Okay, the user wants momentum. Maybe:\n\`\`\`python\nclass Wrong(QCAlgorithm):\n    pass\n\`\`\`\nNo, better with a cash setting.\n</think>\n\n\`\`\`python\n${FIXED}\`\`\``,
    code: FIXED,
  },
  {
    name: 'unclosed <think>: whole answer is reasoning',
    answer: '<think>\nThe user wants a pairs trading strategy. First I need to think about cointegration, then about the hedge ratio, and',
    reason: 'no-code',
    message: REASONING_MSG,
  },
  {
    name: 'unclosed <think> but the model wrote the code inside it',
    answer: `<think>\nLet me write it.\n\n\`\`\`python\n${FIXED}\`\`\`\n\nThat should work.`,
    code: FIXED,
    notes: ['never closed'],
  },
  {
    name: 'closed <think> and nothing after it',
    answer: '<think>\nI should use RSI. ```python\nclass A(QCAlgorithm):\n    pass\n```\n</think>\n\n',
    reason: 'no-code',
    message: REASONING_MSG,
  },

  // ---- no fences ----
  { name: 'unfenced: the answer is only code', answer: ALGO, code: ALGO, source: 'unfenced' },
  {
    name: 'unfenced: prose before and after',
    answer: `Here is the algorithm you asked for:\n\n${ALGO}\nThis strategy goes long SPY when the 10-day SMA is above the 50-day SMA.\nAdjust the periods as needed.`,
    code: ALGO,
    source: 'unfenced',
  },
  {
    name: 'unfenced: region comments, a stray "python" line and a Markdown heading after',
    answer: `python\n# region imports\nfrom AlgorithmImports import *\n# endregion\n\nclass Region(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(5000)\n\n## How it works\nIt only sets the cash.`,
    code: '# region imports\nfrom AlgorithmImports import *\n# endregion\n\nclass Region(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(5000)\n',
    source: 'unfenced',
  },
  {
    name: 'unfenced: imports and class separated by a prose line',
    answer: `First the imports:\nfrom AlgorithmImports import *\nimport numpy as np\nThen the class:\n${CLASS_ONLY}That's it.`,
    code: `from AlgorithmImports import *\nimport numpy as np\n\n${CLASS_ONLY}`,
    source: 'unfenced',
  },

  // ---- several blocks ----
  {
    name: 'imports in one block, the class in the next',
    answer: `First the imports:\n\`\`\`python\nfrom AlgorithmImports import *\nimport numpy as np\n\`\`\`\nThen the algorithm:\n\`\`\`python\n${CLASS_ONLY}\`\`\``,
    code: `from AlgorithmImports import *\nimport numpy as np\n\n${CLASS_ONLY}`,
    notes: ['split over 2 code blocks'],
  },
  {
    name: 'helper class in a block after the algorithm',
    answer: `\`\`\`python\n${FIXED}\`\`\`\nAnd the helper it can use:\n\`\`\`python\nclass SymbolData:\n    def __init__(self, symbol):\n        self.symbol = symbol\n\`\`\``,
    code: `${FIXED}\nclass SymbolData:\n    def __init__(self, symbol):\n        self.symbol = symbol\n`,
  },
  {
    name: 'shell install block, the algorithm, then the backtest command',
    answer: `Install the CLI:\n\`\`\`bash\npip install lean\nlean login\n\`\`\`\nThe algorithm:\n\`\`\`python\n${ALGO}\`\`\`\nRun it:\n\`\`\`\nlean backtest "SmaCrossover"\n\`\`\``,
    code: ALGO,
    notes: ['Ignored 2 code blocks'],
  },
  {
    name: 'original then fixed version: the last complete one wins',
    answer: `Your original code:\n\`\`\`python\n${ORIGINAL}\`\`\`\nThe \`def\` line lacks a colon. Here is the fixed version:\n\`\`\`python\n${FIXED}\`\`\``,
    code: FIXED,
    notes: ['2 versions'],
  },
  {
    name: 'JSON config block plus the code block',
    answer: `config.json:\n\`\`\`json\n{ "algorithm-language": "Python", "parameters": {} }\n\`\`\`\nmain.py:\n\`\`\`python\n${FIXED}\`\`\``,
    code: FIXED,
  },
  {
    name: 'unlabelled JSON block is not taken for Python',
    answer: `\`\`\`\n{"fast": 10, "slow": 50}\n\`\`\`\n\`\`\`\n${FIXED}\`\`\``,
    code: FIXED,
  },
  {
    name: 'a python-labelled `lean backtest` block after the algorithm',
    answer: `\`\`\`python\n${ALGO}\`\`\`\n\nThen:\n\n\`\`\`python\nlean backtest "Project"\n\`\`\``,
    code: ALGO,
  },
  {
    name: 'answer that is only a `lean backtest "Project"` block',
    answer: 'Just run:\n```\nlean backtest "Project"\n```',
    reason: 'no-code',
    message: COMMANDS_MSG,
  },
  {
    name: 'backtest output block (unlabelled) next to the code',
    answer: `\`\`\`python\n${FIXED}\`\`\`\nResults:\n\`\`\`\nTotal Orders 12\nSharpe Ratio 0.8\n\`\`\``,
    code: FIXED,
  },
  {
    name: 'a self.* snippet before the algorithm is not joined',
    answer: `Replace \n\`\`\`python\nself.set_holdings(self.spy, 1)\n\`\`\`\nwith a full rewrite:\n\`\`\`python\n${ALGO}\`\`\``,
    code: ALGO,
  },
  {
    name: 'C# block and Python block: the Python one',
    answer: `C#:\n\`\`\`csharp\npublic class Algo : QCAlgorithm { }\n\`\`\`\nPython:\n\`\`\`python\n${FIXED}\`\`\``,
    code: FIXED,
  },

  // ---- truncated answers ----
  {
    name: 'truncated: fence never closed, cut mid-method',
    answer: `Here it is:\n\n\`\`\`python\nfrom AlgorithmImports import *\n\nclass Cut(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(100000)\n        self.set_holdings("SPY"`,
    code: 'from AlgorithmImports import *\n\nclass Cut(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(100000)\n        self.set_holdings("SPY"\n',
    truncated: true,
    notes: ['max tokens'],
  },
  {
    name: 'truncated: cut before the class line, no algorithm class at all',
    answer: '```python\nfrom AlgorithmImports import *\nimport numpy as np\n\nclass Mean',
    code: 'from AlgorithmImports import *\nimport numpy as np\n\nclass Mean\n',
    truncated: true,
  },
  {
    name: 'truncated fixed version after a complete original: keep the complete one',
    answer: `\`\`\`python\n${FIXED}\`\`\`\nAn improved version with a stop loss:\n\`\`\`python\nfrom AlgorithmImports import *\n\nclass Momentum(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(`,
    code: FIXED,
    truncated: false,
    notes: ['cut off'],
  },

  // ---- what the extractor must leave alone ----
  {
    name: 'missing AlgorithmImports import is not added',
    answer: '```python\nclass NoImports(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(1)\n```',
    code: 'class NoImports(QCAlgorithm):\n    def initialize(self):\n        self.set_cash(1)\n',
  },
  {
    name: 'a cautious preamble with code is not a refusal',
    answer: `I can't guarantee any profits, and this is not financial advice, but here is a starting point:\n\`\`\`python\n${FIXED}\`\`\``,
    code: FIXED,
  },

  // ---- failures ----
  { name: 'empty answer', answer: '', reason: 'empty', message: /empty answer/ },
  { name: 'whitespace-only answer', answer: ' \n\t\r\n  ', reason: 'empty' },
  {
    name: 'prose only',
    answer:
      'A good momentum strategy ranks stocks by their 12-month return and buys the top decile, rebalancing monthly. You can use `self.momp` for this.',
    reason: 'no-code',
    message: PROSE_MSG,
  },
  {
    name: 'refusal: "I can\'t help with that"',
    answer: "I'm sorry, but I can't help with that.",
    reason: 'refusal',
    message: /declined the request \("I'm sorry, but I can't help with that\."\)/,
  },
  {
    name: 'refusal: "As an AI..." with a curly apostrophe',
    answer: 'As an AI language model, I can’t provide trading strategies that guarantee returns. Please consult a financial advisor.',
    reason: 'refusal',
  },
  {
    name: 'refusal after a closed <think> block',
    answer: '<think>This looks like market manipulation.</think>\nI cannot assist with spoofing orders.',
    reason: 'refusal',
  },
];

describe('extractCode corpus', () => {
  it('has at least 30 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus)('$name', (c) => {
    const result: Extraction = extractCode(c.answer);
    if (c.reason !== undefined) {
      expect(result).toMatchObject({ ok: false, reason: c.reason });
      if (result.ok) return;
      // One sentence a user can act on.
      expect(result.message).toMatch(/^[^\n]+\.$/);
      if (typeof c.message === 'string') expect(result.message).toBe(c.message);
      else if (c.message) expect(result.message).toMatch(c.message);
      return;
    }
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.code).toBe(c.code);
    expect(result.truncated).toBe(c.truncated ?? false);
    if (c.source) expect(result.source).toBe(c.source);
    for (const fragment of c.notes ?? []) expect(result.notes.join('\n')).toContain(fragment);
  });

  it('every complete extraction parses without syntax errors', () => {
    const complete = corpus.filter((c) => c.reason === undefined && !c.truncated);
    for (const c of complete) {
      const result = extractCode(c.answer);
      if (!result.ok) throw new Error(`${c.name}: ${result.message}`);
      expect(syntaxProblems(result.code), c.name).toEqual([]);
    }
  });

  it('truncated extractions are left for the validator to report', () => {
    const cut = extractCode(corpus.find((c) => c.name.startsWith('truncated: fence never closed'))?.answer ?? '');
    expect(cut.ok && cut.truncated).toBe(true);
    if (cut.ok) expect(syntaxProblems(cut.code).length).toBeGreaterThan(0);
  });
});

describe('extractCode output shape', () => {
  it('ends every extraction with exactly one newline and no CR or BOM', () => {
    for (const c of corpus) {
      const result = extractCode(c.answer);
      if (!result.ok) continue;
      expect(result.code.endsWith('\n') && !result.code.endsWith('\n\n'), c.name).toBe(true);
      expect(result.code, c.name).not.toMatch(/[\r\uFEFF]|[ \t]+\n/);
    }
  });

  it('never throws on odd input', () => {
    for (const answer of ['```', '~~~~', '<think>', '</think>', '```python\n```', '\uFEFF', '```\n```\n```']) {
      expect(() => extractCode(answer)).not.toThrow();
    }
  });
});
