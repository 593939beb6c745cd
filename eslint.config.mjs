// ESLint flat config. Formatting is Prettier's job; this catches bugs and keeps the layers apart.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const vscodePath = { name: 'vscode', message: 'Only extension/vscode/ (the adapter) and the in-editor test suite may import vscode.' };
const noVscode = { 'no-restricted-imports': ['error', { paths: [vscodePath] }] };

// The browser side: the webview and the code it shares with the host (extension/shared/) run in the
// panel's browser, so they reach neither the core (which may use Node) nor Node itself.
const browserSafe = 'The webview and extension/shared/ run in a browser: move what both sides need into extension/shared/.';
const browserOnly = {
  'no-restricted-imports': [
    'error',
    {
      paths: [vscodePath, ...builtinModules.map((name) => ({ name, message: browserSafe }))],
      patterns: [
        { group: ['**/core', '**/core/**'], message: browserSafe },
        { group: ['node:*'], message: browserSafe },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.cache/', 'test-results/', 'node_modules/', 'training/', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  // The editor-agnostic layers never import vscode; the browser side imports neither the core nor Node.
  { files: ['extension/core/**', 'server/**'], rules: noVscode },
  { files: ['extension/shared/**', 'webview/**'], rules: browserOnly },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
