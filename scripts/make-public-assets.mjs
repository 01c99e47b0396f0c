// Regenerates the files in public/ that are made rather than written: the alarm sound (two short
// tones, the same as the WebAudio fallback in components/frame/beep.ts) and the PNG app icons drawn
// from app/icon.svg by the Chromium the e2e suite uses. Run: node scripts/make-public-assets.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const out = (name) => path.join(root, 'public', name);

/** 16-bit mono PCM WAV of square-ish tones with short attack and decay, so it clicks neither in nor out. */
function alarmWav(sampleRate = 22_050) {
  const tones = [
    { at: 0, freq: 880, length: 0.18 },
    { at: 0.22, freq: 1175, length: 0.18 },
  ];
  const total = Math.ceil(0.45 * sampleRate);
  const samples = new Int16Array(total);
  for (const { at, freq, length } of tones) {
    const start = Math.floor(at * sampleRate);
    const count = Math.floor(length * sampleRate);
    for (let i = 0; i < count; i++) {
      const t = i / sampleRate;
      const envelope = Math.min(1, t / 0.01) * Math.min(1, (length - t) / 0.04);
      // A square wave softened by its first three odd harmonics: sharp enough to cut through a noisy floor.
      const wave = Math.sin(2 * Math.PI * freq * t) + Math.sin(6 * Math.PI * freq * t) / 3 + Math.sin(10 * Math.PI * freq * t) / 5;
      samples[start + i] = Math.round(wave * envelope * 0.3 * 32767);
    }
  }
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

writeFileSync(out('alarm.wav'), alarmWav());

const svg = readFileSync(path.join(root, 'app', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: out(`icon-${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
