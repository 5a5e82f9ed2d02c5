// Lint: typescript-eslint recommended, zero warnings, the layer rules and no import cycles.
//
// Layers, inner to outer (an arrow is "may import"):
//   src/domain   <- src/contract <- src/planner
//   src/domain   <- src/storage
//   domain, contract, planner, storage <- src/app <- src/server, src/cli
//   web/src -> src/domain and src/contract only (it talks to the rest over HTTP)
// The rules match import specifiers (`../storage/store.ts`), so each folder lists the folders it must
// not reach; type imports count too, since a type names the layer it comes from. domain, contract
// and planner are also pure: no Node I/O, database, HTTP, UI or logging, so they run in any process
// and in the browser.
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noTypeImportCycle from './lint/no-type-import-cycle.js';

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

const IMPURE_PATHS = IMPURE_MODULES.flatMap((m) => [
  { name: m, message: 'domain, contract and planner are pure: no Node I/O here' },
  { name: `node:${m}`, message: 'domain, contract and planner are pure: no Node I/O here' },
]);

const IMPURE_PACKAGES = {
  group: [
    'pg',
    'kysely',
    '@electric-sql/*',
    'fastify',
    'fastify/*',
    '@fastify/*',
    'react',
    'react-dom',
    'react-dom/*',
    'pino',
    'commander',
    'cli-progress',
  ],
  message: 'domain, contract and planner are pure: no database, HTTP, UI or logging',
};

/** Specifier patterns that reach one of our folders, from any depth. */
const ours = (...folders) => folders.map((f) => `**/${f}/**`);

/** The layer rule of one folder: what it must not import, and why. */
function layer(files, forbidden, { paths = [], patterns = [], ignores } = {}) {
  return {
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { paths, patterns: [...forbidden.map(([group, message]) => ({ group, message })), ...patterns] },
      ],
    },
  };
}

const DOMAIN = [
  [
    ours('planner', 'contract', 'storage', 'app', 'server', 'cli', 'web', 'bench', 'e2e'),
    'src/domain imports nothing of ours outside src/domain',
  ],
];
const CONTRACT = [
  [
    ours('planner', 'storage', 'app', 'server', 'cli', 'web', 'bench', 'e2e'),
    'src/contract imports only src/domain and src/contract',
  ],
];
const PLANNER = [
  [
    ours('storage', 'app', 'server', 'cli', 'web', 'bench', 'e2e'),
    'src/planner imports only src/domain, src/contract and src/planner',
  ],
];
const STORAGE = [
  [
    ours('app', 'server', 'cli', 'planner', 'web'),
    'src/storage imports no application, HTTP, CLI, planner or UI code',
  ],
];
const APP = [
  [ours('server', 'cli', 'web'), 'src/app is below HTTP and the CLI: they call it, not the other way round'],
  [
    ['fastify', 'fastify/*', '@fastify/*', 'commander', 'cli-progress'],
    'src/app knows no HTTP framework or CLI library',
  ],
];
const SERVER = [[ours('cli'), 'src/server does not import the CLI']];
// From web/src, our other folders are reached as ../../src/<folder>/...
const WEB = [
  [
    ['**/src/storage/**', '**/src/planner/**', '**/src/app/**', '**/src/server/**', '**/src/cli/**'],
    'web/src imports only web/src, src/domain and src/contract (the rest is behind the HTTP API)',
  ],
  [ours('bench', 'e2e', 'data'), 'web/src imports only web/src, src/domain and src/contract'],
];

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** A pure folder: its layer rule everywhere, and no Node I/O or outer packages outside its tests. */
const pureLayer = (folder, forbidden) => [
  layer([`${folder}/**/*.ts`], forbidden),
  layer([`${folder}/**/*.ts`], forbidden, {
    paths: IMPURE_PATHS,
    patterns: [IMPURE_PACKAGES],
    ignores: TESTS,
  }),
];

export default tseslint.config(
  // dist/: bundled build output, not source.
  { ignores: ['node_modules/**', 'web/dist/**', 'dist/**', '.coalition/**', 'coverage/**', '.tmp/**'] },
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

  // No import cycles in production code or tests. import-x follows value imports (our specifiers
  // carry their .ts extension, so the plain node resolver finds the files); the local rule adds the
  // cycles that close only through type imports, which import-x does not follow.
  {
    files: ['src/**/*.{ts,tsx}', 'web/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, house: { rules: { 'no-type-import-cycle': noTypeImportCycle } } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'house/no-type-import-cycle': 'error',
    },
  },

  // Layer rules, tests included (a test that reaches across layers ties them as much as the code).
  // One block per folder: a later block's no-restricted-imports replaces an earlier one's.
  ...pureLayer('src/domain', DOMAIN),
  ...pureLayer('src/contract', CONTRACT),
  ...pureLayer('src/planner', PLANNER),
  layer(['src/storage/**/*.ts'], STORAGE),
  layer(['src/app/**/*.{ts,mjs}'], APP),
  layer(['src/server/**/*.ts'], SERVER),
  layer(['web/src/**/*.{ts,tsx}'], WEB),
  {
    files: ['src/domain/**/*.ts', 'src/contract/**/*.ts', 'src/planner/**/*.ts'],
    ignores: TESTS,
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'fetch', 'process', 'localStorage'],
    },
  },
);
