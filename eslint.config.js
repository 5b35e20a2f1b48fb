// Lint rules that keep the architecture honest: workflow and domain code stay deterministic
// and free of I/O, each layer imports only the layers below it, no module imports itself in a
// circle, and no promise is left floating.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
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

/**
 * What one API feature may take from another: its schemas (shared contract fragments) and these
 * public faces. Everything else a feature shares goes to api/http (HTTP) or db/queries (data).
 */
const featureFaces = [
  './supervision-log/append.ts', // logAction: every feature logs its supervisors' and administrators' actions
  './supervision-log/intents.ts', // actLogged, loggedEffect: an administrative effect and its log record as one unit
  './users/names.ts', // actorNames: timelines name who acted
  './definitions/versions.ts', // readVersion: the published process a case runs on
  './cases/access.ts', // findCase, queryCase: a case's reference and live state
  './auth/passwords.ts', './auth/service.ts', './auth/current-user.ts', // identity, for user management and API keys
];
const apiDir = new URL('./api/', import.meta.url);
const features = readdirSync(apiDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'http' && d.name !== 'demo')
  .map((d) => d.name);
const featureZones = features.map((feature) => ({
  target: `./api/${feature}`,
  from: './api',
  except: [`./${feature}`, './http', './context.ts', './temporal.ts', './settings.ts', ...featureFaces, ...features.map((f) => `./${f}/schema.ts`)],
  message: 'A feature uses another feature only through its schema or public face (see featureFaces); share the rest through api/http or db/queries.',
}));

/** Layers: each may import only those below it. */
const layerZones = [
  { target: './workflows', from: './db', message: 'Workflows do no I/O: no database code here.' },
  { target: './activities', from: './workflows', message: 'Activities take what workflows hand them from activities/contract or domain/, never from a workflow.' },
  { target: './api', from: './activities', message: 'The API does not use activities: shared queries go to db/queries.' },
  { target: './api', from: './worker', message: 'The API does not use the worker.' },
  { target: './db', from: ['./api', './activities', './workflows', './worker', './designer'], message: 'db/ is below every other layer.' },
  {
    target: './designer/src',
    from: ['./api', './activities', './workflows', './db', './worker', './config', './test', './scripts', './bench'],
    message: 'The web app imports only domain/ and the API\'s generated schema types (designer/src/api/schema.gen.ts).',
  },
];

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
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...featureZones] }],
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
