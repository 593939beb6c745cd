// Incremental re-validation must give exactly what validating the new text from scratch gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, textChange, type Validator } from '../../extension/core/validation/index';
import { cleanCorpus } from './corpus';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

function positionAt(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { row: before.length - 1, column: before[before.length - 1]!.length };
}

describe('incremental validation', () => {
  it('matches a from-scratch validation after each of 400 random edits', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const snippets = [
      '',
      'x',
      ':',
      ')',
      '(',
      '\n',
      'self.',
      'print(1)\n        ',
      'Resolution.MINUTES',
      '    ',
      '"',
      'def f(self):\n        pass\n',
    ];
    let checked = 0;
    for (const { source, name } of cleanCorpus().slice(0, 8)) {
      const session = validator.session();
      let text = source;
      session.validate(text, { fileName: name });
      for (let i = 0; i < 50; i++) {
        const start = Math.floor(random() * text.length);
        const removed = Math.min(text.length - start, Math.floor(random() * 6));
        const inserted = snippets[Math.floor(random() * snippets.length)]!;
        session.edit(textChange(start, removed, positionAt(text, start), positionAt(text, start + removed), inserted));
        text = text.slice(0, start) + inserted + text.slice(start + removed);
        expect(session.validate(text, { fileName: name })).toEqual(validator.validate(text, { fileName: name }));
        checked++;
      }
      session.dispose();
    }
    expect(checked).toBe(400);
  }, 60_000); // 400 edits validated twice each: a correctness check, not a timing one

  it('computes the end position of a multi-line insertion', () => {
    expect(textChange(10, 0, { row: 2, column: 4 }, { row: 2, column: 4 }, 'ab\ncde')).toEqual({
      startIndex: 10,
      oldEndIndex: 10,
      newEndIndex: 16,
      startPosition: { row: 2, column: 4 },
      oldEndPosition: { row: 2, column: 4 },
      newEndPosition: { row: 3, column: 3 },
    });
  });
});
