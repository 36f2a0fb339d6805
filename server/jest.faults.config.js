/**
 * npm run test:faults: processes and servers killed under traffic. Each test starts its own MariaDB
 * and Redis servers where it kills them, and real API and jobs processes; slow, so not part of npm test.
 */
const base = require('../jest.preset')({ roots: ['<rootDir>/test-faults'] });
module.exports = { ...base, testTimeout: 180_000, maxWorkers: 1 };
