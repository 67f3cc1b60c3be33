// Lint rules: the recommended sets, plus the few that catch real mistakes in this codebase.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module boundaries (docs/decisions/0016-module-boundaries.md). A module is a folder under
// src/modules/; others may use it only through its service (`*.service.ts`) or its `index.ts`.
// Type-only imports count too (`allowTypeImports: false`): a type shared with other modules is
// exported from the service or index, so a module's files can change without breaking its neighbours.
// Each block below gives a file its whole list, because a later block replaces an earlier one's
// options for the same rule rather than adding to them.
const PUBLIC_FILE = String.raw`(?:[^/]+\.service|index)\.ts$`;
const OTHER_MODULE_INTERNALS = {
  // From src/modules/<name>/x.ts, `../<other>/…` is another module (`../../` leaves modules/).
  regex: String.raw`^\.\./[^./][^/]*/(?!${PUBLIC_FILE})`,
  allowTypeImports: false,
  message: "Use another module through its service or index.ts, never its repository, forms, routes or other files (decision 0016).",
};
const OTHER_MODULE_INTERNALS_FROM_SUBFOLDER = {
  // The same from src/modules/<name>/<folder>/x.ts.
  ...OTHER_MODULE_INTERNALS,
  regex: String.raw`^\.\./\.\./[^./][^/]*/(?!${PUBLIC_FILE})`,
};
const OTHER_MODULE_INTERNALS_FROM_SUBSUBFOLDER = {
  // And from src/modules/<name>/<folder>/<folder>/x.ts (test fixtures of a module's subfolder).
  ...OTHER_MODULE_INTERNALS,
  regex: String.raw`^\.\./\.\./\.\./[^./][^/]*/(?!${PUBLIC_FILE})`,
};
const MODULE_INTERNALS = {
  // From outside src/modules: anything under modules/<name>/ but its service or index.
  regex: String.raw`(?:^|/)modules/[^/]+/(?!${PUBLIC_FILE})`,
  allowTypeImports: false,
  message: "Outside src/modules, use a module through its service or index.ts only (decision 0016).",
};
const REPOSITORY = {
  regex: String.raw`\.repository\.ts$`,
  allowTypeImports: false,
  message: 'Routes call services; only services use repositories (decision 0016).',
};
const MODULES_OR_PLUGINS = {
  regex: String.raw`^(?:\.\./)+(?:modules|plugins)(?:/|$)`,
  allowTypeImports: false,
  message: 'src/lib is the bottom layer: it imports nothing from src/modules or src/plugins (decision 0016).',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.cache/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A focused or skipped test hides a failing promise (QUALITY.md: honest tests).
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'only' },
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'only' },
        { object: 'test', property: 'skip' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'skip' },
      ],
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Migrations and owner-level catalogue code work on Kysely<any>: they must not depend on the
    // app's current table types (STYLE.md: migrations never import app code).
    files: ['src/db/**', 'src/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**', 'bench/**', 'src/server.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/modules/*/*.ts'],
    ignores: ['src/modules/*/*.routes.ts'],
    rules: restrict(OTHER_MODULE_INTERNALS),
  },
  {
    files: ['src/modules/*/*.routes.ts'],
    rules: restrict(OTHER_MODULE_INTERNALS, REPOSITORY),
  },
  {
    files: ['src/modules/*/*/*.ts'],
    rules: restrict(OTHER_MODULE_INTERNALS_FROM_SUBFOLDER),
  },
  {
    files: ['src/modules/*/*/*/*.ts'],
    rules: restrict(OTHER_MODULE_INTERNALS_FROM_SUBSUBFOLDER),
  },
  {
    // lib's tests may build the whole app (the harness does) to check lib's rules hold in every route.
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/**/*.test.ts'],
    rules: restrict(MODULES_OR_PLUGINS),
  },
  {
    // Everything that uses modules from outside, the demo seed included (it builds the demo area
    // the way a person would, through services).
    files: ['src/*.ts', 'src/plugins/**/*.ts', 'src/db/**/*.ts', 'src/config/**/*.ts', 'src/seed/**/*.ts', 'src/testing/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['src/app.ts'],
    rules: restrict(MODULE_INTERNALS),
  },
  {
    // app.ts is where modules are put together: it registers each module's routes plugin.
    files: ['src/app.ts'],
    rules: restrict({ ...MODULE_INTERNALS, regex: String.raw`(?:^|/)modules/[^/]+/(?!(?:[^/]+\.(?:service|routes)|index)\.ts$)` }),
  },
);
