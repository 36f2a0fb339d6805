// Debian's Chromium, driven by playwright-core (a browser download does not work offline). These flags
// keep it from reaching for the network at start and let it run as root in a container.
const { existsSync } = require('node:fs');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** CHROMIUM_PATH, or Debian's package location. */
function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return path;
}

module.exports = { CHROMIUM_ARGS, chromiumPath };
