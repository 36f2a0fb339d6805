import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'var/**', 'miniprogram/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The domain never knows about HTTP; jobs and the bot reuse the domain, never the server's HTTP layer.
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/http/**', 'koa', '@koa/*', 'koa-*'] }],
    },
  },
  {
    files: ['jobs/**/*.ts', 'bot/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@knowpay/server/src/http/**', '**/server/src/http/**', 'koa', '@koa/*'] }],
    },
  },
  {
    // The mini-program runs in WeChat and in browsers; hooks follow React's rules.
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Taro's build reads its babel config as CommonJS.
    files: ['miniprogram/babel.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Jest reads its configuration as CommonJS.
    files: ['**/jest.config.js', '**/jest.*.config.js', 'jest.preset.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Command-line entry points and scripts talk to a person on the terminal.
    files: ['scripts/**', 'bench/**', 'server/src/main/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
