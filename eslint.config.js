// Lint rules: the recommended sets, plus the few that catch real mistakes in this codebase.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
