// Lint: typescript-eslint recommended, zero warnings, and the layering rule that keeps the domain
// model and the planner pure (no Node I/O, database, HTTP or DOM).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IMPURE_MODULES = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'cluster',
  'process',
  'crypto',
  'stream',
  'readline',
  'zlib',
  'url',
  'dns',
  'tls',
  'v8',
  'vm',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', '.coalition/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/domain/**/*.ts', 'src/planner/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IMPURE_MODULES.flatMap((m) => [
            { name: m, message: 'domain and planner are pure: no Node I/O here' },
            { name: `node:${m}`, message: 'domain and planner are pure: no Node I/O here' },
          ]),
          patterns: [
            {
              group: ['**/storage/**', '**/server/**', '**/cli/**', '**/web/**'],
              message: 'domain and planner import no outer layer',
            },
            {
              group: [
                'pg',
                'kysely',
                '@electric-sql/*',
                'fastify',
                '@fastify/*',
                'react',
                'react-dom',
                'pino',
                'commander',
              ],
              message: 'domain and planner are pure: no database, HTTP, UI or logging',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'fetch', 'process', 'localStorage'],
    },
  },
);
