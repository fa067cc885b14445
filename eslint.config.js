// ESLint: strict type-aware rules, and the layer boundaries of STYLE.md enforced per folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

const noElectronOrUi = [
  { name: 'electron', message: 'src/ is the pure core: no Electron.' },
  { name: 'react', message: 'src/ is the pure core: no React.' },
  { name: 'react-dom', message: 'src/ is the pure core: no React.' },
];

export default defineConfig(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      '**/*.tmp.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'main/bin/*.js', '.ci/*.js', 'packaging/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/require-await': 'off',
      // Flags every instance Electron's static factories return (Menu.buildFromTemplate, ...).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcRenderer'][property.name='send']",
          message: 'Use the typed contract.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectronOrUi,
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'src/ must not import from main/ or renderer/.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/ does no file or OS access.' },
          ],
        },
      ],
      // docx's type declarations pull in Node's globals, so the typecheck alone no longer catches them.
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
          name,
          message: 'src/ is pure: no Node globals (main/ owns the OS).',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the preload API.' }],
          patterns: [
            { group: ['**/main/**'], message: 'renderer/ must not import from main/.' },
            { group: ['node:*'], message: 'renderer/ runs in a browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.{ts,js}', 'test/**/*.{ts,tsx}', '*.{js,ts}', '.ci/*.js', 'packaging/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/ipc.ts', 'main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Register handlers through main/ipc.ts and the preload only.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'main/ must not import from renderer/.' }],
        },
      ],
    },
  },
  {
    // Tests state what they expect to exist; a wrong guess fails the test anyway.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['main/bin/*.js', 'packaging/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
