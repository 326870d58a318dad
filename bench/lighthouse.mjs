// Figure 9 of docs/figures.md: what the widget does to a store's Lighthouse
// score. Lighthouse 12.2.3 (mobile preset, simulated throttling, Debian's
// Chromium) runs each page of bench/store/ with and without the widget,
// interleaved, RUNS times; prints medians and the widget's deltas.
// Usage: node bench/lighthouse.mjs [--runs 5] [--pages product-en,product-ar,collection]
// (bench/lighthouse.sh installs Lighthouse and builds what it needs.)
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStore } from './store/server.mjs';
import { PAGES } from './store/pages.mjs';
import { launch, measureShift, VIEWPORTS } from './store/shift.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const runs = Number(opt('--runs', 5));
const pages = opt('--pages', Object.keys(PAGES).join(',')).split(',');
const bin = new URL('./lighthouse/node_modules/.bin/lighthouse', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'amwal-lighthouse-'));

async function lighthouse(url, n) {
  const out = join(work, `${n}.json`);
  await promisify(execFile)(bin, [url, '--only-categories=performance', '--output=json',
    `--output-path=${out}`, '--quiet', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
  { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' },
    maxBuffer: 1 << 26 });
  const lhr = JSON.parse(readFileSync(out, 'utf8'));
  const a = lhr.audits;
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    cls: a['cumulative-layout-shift'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
  };
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const store = await startStore();
const results = {};
let n = 0;
try {
  for (let run = 0; run < runs; run++) {
    for (const name of pages) {
      for (const variant of ['without', 'with']) {
        const url = `${store.origin}/${name}${variant === 'without' ? '?plain' : ''}`;
        ((results[name] ??= { without: [], with: [] })[variant]).push(await lighthouse(url, n++));
      }
    }
  }
  // Long tasks on a desktop CPU (observed, not simulated): the page's own
  // and, with the widget, the widget's.
  const browser = await launch();
  for (const name of pages) {
    for (const variant of ['without', 'with']) {
      const url = `${store.origin}/${name}${variant === 'without' ? '?plain' : ''}`;
      const tasks = [];
      for (let run = 0; run < runs; run++) {
        tasks.push(...(await measureShift(browser, url, VIEWPORTS.desktop)).longTasks);
      }
      (results[name].longTasks ??= {})[variant] = tasks;
    }
  }
  await browser.close();
} finally {
  store.stop();
}

const fmt = {
  score: (v) => String(Math.round(v)),
  cls: (v) => v.toFixed(3),
  tbt: (v) => `${Math.round(v)} ms`,
  fcp: (v) => `${(v / 1000).toFixed(2)} s`,
  lcp: (v) => `${(v / 1000).toFixed(2)} s`,
};
const sign = (k, d) => (d >= 0 ? '+' : '−') + fmt[k](Math.abs(d));
console.log(`Lighthouse 12.2.3, mobile preset, median of ${runs} (CLS: worst of ${runs})`);
console.log('page         metric   without    with       widget adds');
for (const name of pages) {
  for (const k of ['score', 'cls', 'tbt', 'fcp', 'lcp']) {
    const pick = (v) => (k === 'cls' ? Math.max(...results[name][v].map((r) => r[k]))
      : median(results[name][v].map((r) => r[k])));
    const [w0, w1] = [pick('without'), pick('with')];
    console.log(`${name.padEnd(12)} ${k.padEnd(8)} ${fmt[k](w0).padEnd(10)} ${fmt[k](w1).padEnd(10)} ${sign(k, w1 - w0)}`);
  }
}
console.log(`\nlong tasks (over 50 ms) on a desktop CPU, all ${runs} loads of each page together:`);
for (const name of pages) {
  const lt = results[name].longTasks;
  const show = (xs) => (xs.length ? `${xs.length}, longest ${Math.max(...xs)} ms` : 'none');
  console.log(`${name.padEnd(12)} without: ${show(lt.without)}; with: ${show(lt.with)}`);
}
