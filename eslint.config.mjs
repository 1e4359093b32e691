// Lint rules for every package. The ledger stays free of transport, UI and queue code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'prisma/generated/**', 'web/src/generated/**', '.data/**', 'test-artifacts/**', 'bench-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'vue/multi-word-component-names': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['ledger/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['graphql', 'graphql/*', 'graphql-yoga', '@pothos/*', '@graphql-*/*'], message: 'The ledger has no GraphQL code.' },
            { group: ['vue', 'vue/*', 'vue-*', '@vue/*', '@urql/*'], message: 'The ledger has no UI code.' },
            { group: ['bullmq', 'bullmq/*', 'ioredis'], message: 'The ledger has no queue code.' },
            { group: ['node:http', 'http', 'node:https', 'https'], message: 'The ledger has no HTTP code.' },
            { group: ['**/api/**', '@allmende/api', '**/web/**'], message: 'The ledger does not depend on the API or web app.' },
          ],
        },
      ],
    },
  },
);
