import { defineConfig } from 'vitest/config';

// Unit tier: pure modules (no `vscode`), real tree-sitter, no mocks of our own code.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
