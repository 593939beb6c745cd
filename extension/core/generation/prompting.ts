// The messages a model gets for a strategy request: a system prompt with LEAN's conventions, worked
// examples rendered from the template library for the family the request reads as, and the real
// signatures (from the validator's API index) of the indicators the request and the example use.
import type { LeanApiIndex } from '../validation/api/apiIndex';
import type { ChatMessage } from './modelChain';
import { readPrompt } from './promptReader';
import { defaultSpec, familyById, renderStrategy } from './templates';
import type { FamilyId } from './templates/types';

export const SYSTEM_PROMPT = `You write trading algorithms for QuantConnect LEAN in Python. Follow these rules exactly:
1. Begin the file with "from AlgorithmImports import *"; it brings in the whole LEAN API.
2. Write one class that derives from QCAlgorithm, with initialize(self) and on_data(self, data: Slice).
3. Use LEAN's snake_case API (self.set_start_date, self.add_equity, self.set_holdings, Resolution.DAILY), never the PascalCase names.
4. In initialize, call self.set_start_date, self.set_end_date and self.set_cash.
5. Keep an indicator under an underscore name: self._rsi = self.rsi(self._symbol, 14). Never assign to the helper's own name (self.rsi = ...), which breaks the next call.
6. Call self.set_warm_up(...) for the longest indicator period and check indicator.is_ready before reading indicator.current.value.
7. Log with self.debug(...) or self.log(...); LEAN discards print output.
8. Answer with the complete algorithm in one \`\`\`python block and nothing else.`;

export interface PromptOptions {
  index: LeanApiIndex;
  /** Worked examples to include (0 to 2); small models follow one example better than rules. */
  examples: number;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /** The family the request reads as; it chose the example. */
  family: FamilyId;
}

export function buildMessages(request: string, options: PromptOptions): BuiltPrompt {
  const reading = readPrompt(request);
  const family = reading.spec.family;
  const example = renderStrategy(defaultSpec(family));
  const helpers = indicatorHelpersIn(`${request}\n${example}`, options.index);
  const signatures = helpers.map((helper) => signature(helper, options.index)).filter(Boolean);
  const system = signatures.length
    ? `${SYSTEM_PROMPT}\n\nSignatures of the LEAN indicator helpers this request may need:\n${signatures.join('\n')}`
    : SYSTEM_PROMPT;
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  const shown = options.examples > 0 ? exampleFamilies(family).slice(0, options.examples) : [];
  for (const id of shown) {
    messages.push(
      { role: 'user', content: exampleRequest(id) },
      { role: 'assistant', content: `\`\`\`python\n${renderStrategy(defaultSpec(id))}\`\`\`` },
    );
  }
  messages.push({ role: 'user', content: request.trim() });
  return { messages, family };
}

/** The request's own family first, then a different one so the model sees the pattern, not one answer. */
function exampleFamilies(family: FamilyId): FamilyId[] {
  return family === 'sma-crossover' ? [family, 'rsi-mean-reversion'] : [family, 'sma-crossover'];
}

function exampleRequest(id: FamilyId): string {
  const family = familyById(id);
  const spec = defaultSpec(id);
  return `${family.title} on ${spec.tickers.join(' and ')}.`;
}

/** Helper names (`rsi`, `bb`) the text calls as `self.<helper>(` or names as words. */
export function indicatorHelpersIn(text: string, index: LeanApiIndex): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/self\.([a-z_][a-z0-9_]*)\s*\(/g)) if (index.indicatorHelpers[match[1]!]) found.add(match[1]!);
  const words = new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);
  const synonyms: Record<string, string> = { bollinger: 'bb', donchian: 'dch', momentum: 'mom', vwap: 'vwap', stochastic: 'sto' };
  for (const word of words) {
    if (index.indicatorHelpers[word] && word.length >= 3) found.add(word);
    const helper = synonyms[word];
    if (helper && index.indicatorHelpers[helper]) found.add(helper);
  }
  return [...found].sort();
}

/** `self.rsi(symbol, period, moving_average_type=..., resolution=..., selector=...)  # RelativeStrengthIndex`, one line per overload. */
export function signature(helper: string, index: LeanApiIndex): string {
  const overloads = index.qcAlgorithm.methods[helper] ?? [];
  const returns = index.indicatorHelpers[helper];
  return overloads
    .map((spec) => {
      const params = spec
        .split(' ')
        .filter(Boolean)
        .map((p) => (p.startsWith('?') ? `${p.slice(1)}=...` : p));
      return `self.${helper}(${params.join(', ')})${returns ? `  # returns ${returns}` : ''}`;
    })
    .join('\n');
}

/** Messages for Refine Strategy: the current file and the user's instruction, answered with the whole new file. */
export function buildRefineMessages(code: string, instruction: string, index: LeanApiIndex): ChatMessage[] {
  const helpers = indicatorHelpersIn(`${instruction}\n${code}`, index);
  const signatures = helpers.map((helper) => signature(helper, index)).filter(Boolean);
  const system = signatures.length
    ? `${SYSTEM_PROMPT}\n\nSignatures of the LEAN indicator helpers this change may need:\n${signatures.join('\n')}`
    : SYSTEM_PROMPT;
  return [
    { role: 'system', content: system },
    {
      role: 'user',
      content: `This is my LEAN algorithm:\n\n\`\`\`python\n${code.trimEnd()}\n\`\`\`\n\nChange it as follows: ${instruction.trim()}\n\nKeep everything else as it is, and answer with the complete updated algorithm in one \`\`\`python block.`,
    },
  ];
}
