import { defineConfig } from 'vitest/config';

// Unit tier: pure modules (no `vscode`), real tree-sitter, no mocks of our own code.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // A hang guard, not a speed goal (speed is measured by `npm run bench`): the fuzz-style tests run
    // thousands of validations and need more than 5 s on a busy 2-core machine.
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
