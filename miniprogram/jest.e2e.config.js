/** The browser test: the built H5 app in headless Chromium against the real API, sandbox, MySQL and Redis. */
const base = require('../jest.preset')({ roots: ['<rootDir>/e2e'], integration: true });

module.exports = { ...base, testTimeout: 120000 };
