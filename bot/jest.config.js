/** Unit tests live beside the code; test/ holds the ones that run the bot against a real API, MySQL and Redis. */
const swc = require('../.swcrc.json');
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  // Integration tests use the server's harness: one run id for databases and Redis prefixes, dropped at the end.
  globalSetup: '<rootDir>/../server/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/../server/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
