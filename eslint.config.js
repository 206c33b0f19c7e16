import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [
    {
      name: 'electron',
      message:
        'The core and its other hosts must stay Electron-free; only src-main/electron may import electron.',
    },
  ],
  patterns: [
    {
      group: ['**/electron/*', '../electron/**'],
      message: 'Only the Electron host may use Electron modules.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench-results/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/insecure-electron/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The CSP forbids them; the shipped code must not need them.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // CommonJS by necessity (electron-builder hooks are loaded with require()).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The sandbox, the core and the contract are held to the import layers by
    // scripts/check-layers.mjs (npm run lint); here only Electron is kept in its host.
    files: [
      'src-main/core/**',
      'src-main/cli/**',
      'src-main/web/**',
      'src-main/contract/**',
      'src-main/sandbox/**',
    ],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches the core only through DeskClient.' },
          ],
          patterns: [
            {
              group: ['**/src-main/core/**', '**/src-main/web/**', '**/src-main/electron/**'],
              message: 'The renderer may import only the contract from src-main.',
            },
          ],
        },
      ],
    },
  },
  {
    // Layers run one way: views (features/) use stores, stores never reach back up into views.
    files: ['src-renderer/stores/**', 'src-renderer/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches the core only through DeskClient.' },
          ],
          patterns: [
            {
              group: ['**/src-main/core/**', '**/src-main/web/**', '**/src-main/electron/**'],
              message: 'The renderer may import only the contract from src-main.',
            },
            {
              group: ['**/features/**'],
              message:
                'Stores and the API client sit below the views: move what both need out of features/.',
            },
          ],
        },
      ],
    },
  },
);
