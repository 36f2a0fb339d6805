/** Unit tests live beside the code; test/ holds the ones that run the bot against a real API, MySQL and Redis. */
module.exports = require('../jest.preset')();
