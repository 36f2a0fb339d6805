/**
 * The jest settings every workspace shares: TypeScript through swc (with decorator metadata for the
 * entities), tests beside the code and under test/. `integration` adds the server's run-wide setup:
 * one run id for every database and Redis prefix the tests create, all dropped at the end.
 */
const path = require('node:path');
const swc = require('./.swcrc.json');

const support = path.join(__dirname, 'server', 'test', 'support');

module.exports = function jestConfig({ roots = ['<rootDir>/src', '<rootDir>/test'], integration = true } = {}) {
  return {
    testEnvironment: 'node',
    roots,
    testMatch: ['**/*.test.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
    ...(integration
      ? {
          globalSetup: path.join(support, 'global-setup.ts'),
          globalTeardown: path.join(support, 'global-teardown.ts'),
          setupFiles: ['reflect-metadata'],
          testTimeout: 30000,
        }
      : {}),
  };
};
