/** Unit tests live beside the code and need no network. */
module.exports = require('../jest.preset')({ roots: ['<rootDir>/src'], integration: false });
