// Draws the mini-program's tab bar icons (WeChat wants PNG files, 81×81) from the SVG outlines below, in
// the idle and the selected colour, into miniprogram/src/assets/tab/. Run it only to change the icons:
//   node scripts/make-tab-icons.mjs
import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const IDLE = '#8a8f99';
const SELECTED = '#16a05d';
const ICONS = {
  // a compass: discover courses
  discover: '<circle cx="12" cy="12" r="9"/><path d="M15.5 8.5l-2 5-5 2 2-5z"/>',
  // a receipt: orders
  orders: '<path d="M6 3h12v18l-3-2-3 2-3-2-3 2z"/><path d="M9 8h6M9 12h6"/>',
  // a person: me
  me: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>',
};

const out = new URL('../miniprogram/src/assets/tab/', import.meta.url);
for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, colour] of [['', IDLE], ['-active', SELECTED]]) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" fill="none" stroke="${colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: 81 } }).render().asPng();
    writeFileSync(new URL(`${name}${suffix}.png`, out), png);
  }
}
console.log('tab icons written');
