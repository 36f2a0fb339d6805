// Records the demo catalog's video clip (server/src/db/seed/assets/demo-lesson.webm): eight seconds of a
// canvas animation captured by headless Chromium's MediaRecorder. Run it only to change the clip:
//   node scripts/make-demo-video.mjs [output.webm]
/* global document, MediaRecorder, requestAnimationFrame -- the recording runs in the browser */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chromiumSettings from '../miniprogram/e2e/chromium.cjs';

const { CHROMIUM_ARGS, chromiumPath } = chromiumSettings;

const out = process.argv[2] ?? fileURLToPath(new URL('../server/src/db/seed/assets/demo-lesson.webm', import.meta.url));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
const page = await browser.newPage();
await page.setContent('<canvas id=c width=480 height=270></canvas>');
const base64 = await page.evaluate(async () => {
  const canvas = document.getElementById('c');
  const g = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 150000 });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const seconds = 8;
  const start = performance.now();
  recorder.start(250);
  await new Promise((resolve) => {
    function frame() {
      const t = (performance.now() - start) / 1000;
      const bg = g.createLinearGradient(0, 0, 480, 270);
      bg.addColorStop(0, '#138a50');
      bg.addColorStop(1, '#2bb673');
      g.fillStyle = bg;
      g.fillRect(0, 0, 480, 270);
      g.fillStyle = 'rgba(255,255,255,0.15)';
      g.beginPath();
      g.arc(240 + Math.cos(t * 1.5) * 150, 135 + Math.sin(t * 2) * 70, 40, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#fff';
      g.textAlign = 'center';
      g.font = 'bold 30px sans-serif';
      g.fillText('knowpay', 240, 120);
      g.font = '18px sans-serif';
      g.fillText(`demo lesson  ${Math.min(seconds, t).toFixed(1)} s`, 240, 160);
      g.fillRect(40, 230, 400 * Math.min(1, t / seconds), 6);
      if (t < seconds) requestAnimationFrame(frame);
      else resolve();
    }
    frame();
  });
  recorder.stop();
  await new Promise((r) => (recorder.onstop = r));
  const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
});
writeFileSync(out, Buffer.from(base64, 'base64'));
await browser.close();
console.log(`wrote ${out}`);
