/** Unit tests live beside the code; test/ holds the ones that need a real Redis. */
const swc = require('../.swcrc.json');
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  testTimeout: 30000,
};
