/** Unit tests live beside the code; test/ holds the ones that need a real Redis, MySQL and sandbox. */
module.exports = require('../jest.preset')();
