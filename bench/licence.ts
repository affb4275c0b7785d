/**
 * Benchmark: licence detection (src/lib/licence/detect.ts), the time one licence text costs once
 * the reference index over the SPDX texts is built. Texts: the SPDX text of GPL-3.0 (35 kB, the
 * largest common licence), a 30 kB text that is no licence (generated English-like prose: every
 * candidate is compared and rejected), Apache-2.0 and MIT. Per text the median of 21 detections,
 * the best of 5 such runs (the machine is shared); the target is under 5 ms per 30 kB text.
 *
 *   npx tsx bench/licence.ts
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { detectLicence } from '../src/lib/licence/detect';

export interface LicenceTiming {
  text: string;
  kB: number;
  medianMs: number;
  detected: string | null;
}

export interface LicenceResult {
  indexMs: number;
  texts: LicenceTiming[];
  /** The slowest of GPL-3.0 and the unknown text. */
  worstMs: number;
}

const RUNS = 5;
const DETECTIONS = 21;

/** About `length` characters of prose that is no licence, the same on every run. */
function unknownText(length: number): string {
  const words = (
    'the of and to a in is that for it as with was on be by this are or from at which not have an they but all were we can ' +
    'their has more one city council meeting budget project street school water data service citizens report year office'
  ).split(' ');
  let seed = 1;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  let text = '';
  while (text.length < length) text += words[Math.floor(next() * words.length)] + (next() < 0.08 ? '.\n' : ' ');
  return text;
}

function medianMs(text: string): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const times: number[] = [];
    for (let i = 0; i < DETECTIONS; i++) {
      const start = performance.now();
      detectLicence(text);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    best = Math.min(best, times[DETECTIONS >> 1]);
  }
  return Math.round(best * 100) / 100;
}

export function benchLicence(): LicenceResult {
  const require = createRequire(import.meta.url);
  const spdx = require('spdx-license-list/full') as Record<string, { licenseText: string }>;
  const started = performance.now();
  detectLicence(spdx.MIT.licenseText);
  const indexMs = Math.round(performance.now() - started);
  const texts: [string, string][] = [
    ['GPL-3.0 (SPDX text)', spdx['GPL-3.0-only'].licenseText],
    ['no licence (prose)', unknownText(30_000)],
    ['Apache-2.0 (SPDX text)', spdx['Apache-2.0'].licenseText],
    ['MIT (SPDX text)', spdx.MIT.licenseText]
  ];
  const timings = texts.map(([name, text]) => ({
    text: name,
    kB: Math.round(Buffer.byteLength(text) / 102.4) / 10,
    medianMs: medianMs(text),
    detected: detectLicence(text)
  }));
  return { indexMs, texts: timings, worstMs: Math.max(timings[0].medianMs, timings[1].medianMs) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(benchLicence(), null, 2)}\n`);
}
