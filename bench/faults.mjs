// Figure 4 of docs/figures.md: what the shopper sees when Amwal misbehaves. For
// each fault of the embedded sandbox (hung, resetting, truncating, slow
// 500 ± 400 ms, answering 5xx), a fresh demo link is opened in headless
// Chromium and the script prints the time from navigation to what the
// shopper sees (an error card, or the summary when the answer is merely
// slow), the resolve calls the browser made, the attempts the proxy made
// upstream (the sandbox's own count), and the page's navigations: nothing
// may be sent or navigated twice.
// Usage: node bench/faults.mjs [--runs 3]   (bench/faults.sh)
import { launch, startServer } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const FAULTS = ['hang', 'reset', 'truncate', 'slow', 'server_error'];

const server = await startServer([], { log: true }); // its log kept, not printed
const origin = new URL(server.storefront).origin;
const browser = await launch();

const behaviour = async (mode) => {
  const resp = await fetch(`${origin}/sandbox/_behaviour`, {
    method: mode ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: mode ? JSON.stringify({ mode }) : undefined,
  });
  return mode ? null : resp.json();
};

/** A fresh demo link, made while the sandbox behaves. */
async function freshLink() {
  await behaviour('normal');
  const resp = await fetch(`${origin}/`, { redirect: 'manual' });
  return new URL(resp.headers.get('location'), origin).searchParams.get('link');
}

async function once(fault) {
  const link = await freshLink();
  await behaviour(fault);
  const before = (await behaviour()).api_calls;
  const page = await browser.newPage();
  let resolves = 0;
  let navigations = 0;
  page.on('request', (r) => { if (r.url().includes('/amwal/payment_links/')) resolves += 1; });
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations += 1; });
  await page.goto(`${origin}/?link=${link}`);
  const seen = await page.waitForFunction(() => {
    const card = document.querySelector('amwal-installments')?.shadowRoot?.querySelector('.error, .summary');
    return card && { ms: performance.now(), what: card.classList.contains('error') ? card.textContent.trim() : 'summary' };
  }, null, { timeout: 60_000, polling: 'raf' }).then((h) => h.jsonValue());
  await page.waitForTimeout(500); // anything sent late would show up here
  const attempts = (await behaviour()).api_calls - before;
  await page.close();
  return { ...seen, resolves, attempts, navigations };
}

console.log(`faults of the sandbox, ${runs} run(s) each (widget timeout 10 s, proxy budget 8 s)`);
console.log('fault          | shopper sees after (ms, median) | what                               | resolves | upstream | navigations');
try {
  for (const fault of FAULTS) {
    const results = [];
    for (let i = 0; i < runs; i += 1) results.push(await once(fault));
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const max = (k) => Math.max(...results.map((r) => r[k]));
    console.log(`${fault.padEnd(14)} | ${times[Math.floor(times.length / 2)].toFixed(0).padStart(31)} | `
      + `${results[0].what.slice(0, 34).padEnd(34)} | ${String(max('resolves')).padStart(8)} | `
      + `${String(max('attempts')).padStart(8)} | ${String(max('navigations')).padStart(11)}`);
  }
} finally {
  await behaviour('normal').catch(() => {});
  await browser.close();
  server.stop();
}
