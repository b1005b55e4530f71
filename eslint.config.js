// ESLint flat config. No type-aware rules: the whole tree lints in seconds.
// The layer boundaries of docs/architecture.md are enforced here with no-restricted-imports;
// ESLint does not merge one rule's options across config objects, so each file group below
// gets its complete list from `restrictImports(...)`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `import … from '<relative path>/<dir>/…'` reaching into a top-level folder of the repo. */
const into = (dir) => `^(\\.\\.?/)+(src/)?${dir}(/|$)`;

const rule = {
  nodeBuiltins: {
    regex: `^(node:.*|${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?$`,
    message: 'src/shared and src/web run in the browser too: no Node.js built-ins here.',
  },
  serverPackages: {
    regex: '^(fastify|fastify-.*|@fastify/.*|kysely|pg|pg-.*|@electric-sql/.*|argon2|pino|exceljs)(/.*)?$',
    message: 'Server-only package: keep it in src/server.',
  },
  uiPackages: {
    regex: '^(react|react-dom|react-router|antd|@ant-design/.*|@tanstack/.*|echarts.*)(/.*)?$',
    message: 'src/shared is isomorphic: no UI packages (they belong in src/web).',
  },
  server: { regex: into('server'), message: 'Dependencies flow web → shared ← server: import the contract from src/shared instead.' },
  web: { regex: into('web'), message: 'Dependencies flow web → shared ← server: src/server and src/shared never import src/web.' },
  tooling: {
    regex: into('(scripts|bench|e2e)'),
    message: 'scripts/, bench/ and e2e/ may import src, never the other way round.',
  },
  anyRepository: {
    regex: '\\.repository(\\.ts)?$',
    message: 'Routes stay thin: routes → service → repository. Call the module’s service.',
  },
  otherModulesRepository: {
    regex: '^\\.\\./[^/]+/[^/]+\\.repository(\\.ts)?$',
    message: 'A module calls another module’s service, never its repository.',
  },
};

const envImports = ['node:process', 'process'].map((name) => ({
  name,
  importNames: ['env'],
  message: 'Only src/server/config.ts reads the environment: take a Config (loadConfig()).',
}));

const restrictImports = (...patterns) => ({
  'no-restricted-imports': ['error', { paths: envImports, patterns: patterns.map(({ regex, message }) => ({ regex, message })) }],
});

const processEnv = 'Only src/server/config.ts reads the environment: take a Config (loadConfig()).';

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', '.tmp/', 'data/', 'coverage/']),

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `{} extends T` is the idiom for "every field optional" in conditional types.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always', allowInterfaces: 'with-single-extends' }],
      // Sanitising file names, headers and cells matches control characters on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: processEnv },
        { selector: "MemberExpression[object.property.name='process'][property.name='env']", message: processEnv },
      ],
      ...restrictImports(),
    },
  },

  // The browser app.
  {
    files: ['src/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },

  // Boundaries. Later objects win for the same file, so the narrower groups come last.
  { files: ['src/**'], rules: restrictImports(rule.tooling) },
  {
    files: ['src/shared/**'],
    rules: restrictImports(rule.nodeBuiltins, rule.serverPackages, rule.uiPackages, rule.server, rule.web, rule.tooling),
  },
  { files: ['src/web/**'], rules: restrictImports(rule.nodeBuiltins, rule.serverPackages, rule.server, rule.tooling) },
  { files: ['src/server/**'], rules: restrictImports(rule.web, rule.tooling) },
  { files: ['src/server/modules/**'], rules: restrictImports(rule.web, rule.tooling, rule.otherModulesRepository) },
  { files: ['src/server/**/*.routes.ts'], rules: restrictImports(rule.web, rule.tooling, rule.anyRepository) },
  // Tests of isomorphic code run in Node: they may read fixtures with node:fs, the code under test may not.
  {
    files: ['src/shared/**/*.test.{ts,tsx}'],
    rules: restrictImports(rule.serverPackages, rule.uiPackages, rule.server, rule.web, rule.tooling),
  },
  { files: ['src/web/**/*.test.{ts,tsx}'], rules: restrictImports(rule.serverPackages, rule.server, rule.tooling) },

  // Who may read process.env: the config module and test harnesses (they hand an environment to child processes).
  {
    files: [
      'src/server/config.ts',
      'src/server/testing/**',
      `**/*.test.{ts,tsx}`,
      'e2e/**',
      'scripts/test-all.ts',
      'bench/run-bench.ts',
      'bench/*.bench.ts',
      '*.config.{js,ts}',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
