/** Unit tests live beside the code; integration tests under test/ use real MySQL, Redis and HTTP. */
module.exports = require('../jest.preset')();
