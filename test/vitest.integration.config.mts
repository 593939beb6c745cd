import { defineConfig } from 'vitest/config';

// Integration tier: built programs and real local services (processes, sockets, containers).
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    passWithNoTests: false,
    reporters: ['default', ['json', { outputFile: 'test-results/integration.json' }]],
  },
});
