// ESLint flat config. Formatting is Prettier's job; this catches bugs and keeps the layers apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: 'Only extension/vscode/ (the adapter) and the in-editor test suite may import vscode.' }],
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
  // The editor-agnostic layers never import vscode.
  { files: ['extension/core/**', 'extension/shared/**', 'webview/**', 'server/**'], rules: noVscode },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
