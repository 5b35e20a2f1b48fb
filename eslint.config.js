// Lint rules that keep the architecture honest: workflow and domain code stay deterministic
// and free of I/O, and no promise is left floating.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ioLibraries = ['express', 'mongoose', 'mongodb', 'nodemailer', 'pino', 'pino-http', 'undici', 'axios'];

/** Imports that would break determinism or do I/O inside the workflow sandbox. */
const sandboxImports = {
  paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({
    name,
    message: 'Workflow and domain code must stay deterministic: no Node built-ins or I/O libraries here.',
  })),
  patterns: [
    {
      group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client', '@temporalio/testing'],
      message: 'Workflow code may import only @temporalio/workflow and @temporalio/common.',
    },
    { group: ['**/activities/*', '**/activities', '**/api/*', '**/worker/*'], allowTypeImports: true, message: 'Import only types from activities, the API or the worker.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', 'designer/dist/', 'reports/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', sandboxImports] },
  },
  {
    files: ['domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sandboxImports.paths,
          patterns: [
            { group: ['@temporalio/*', 'react', 'react-dom', '@xyflow/*'], message: 'domain/ is pure: no framework imports.' },
            { group: ['**/workflows/*', '**/activities/*', '**/api/*', '**/worker/*', '**/designer/*', '**/config/*'], message: 'domain/ depends on nothing else in the project.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'domain/ takes the time as an argument.' },
        { object: 'Math', property: 'random', message: 'domain/ is deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain/ takes the time as an argument.' },
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'Never evaluate code.' },
        { selector: "CallExpression[callee.property.name=/^(toLocale\\w*|getHours|getDate|getDay|getMonth|getFullYear|getMinutes|getTimezoneOffset)$/]", message: 'domain/ must not depend on the host time zone: use UTC methods.' },
      ],
    },
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
