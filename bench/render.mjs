// Figure 2 of docs/figures.md: the widget's first render in headless Chromium,
// driven through the DevTools protocol. For each scenario (as is, CPU
// throttled 4x, a slow network) and cache (cold: a new browser context per
// load; warm: one context, primed), LOADS loads of www/demo/bench.html give:
//   first paint   navigation start → the widget's first frame on screen
//                 (skeleton or summary)
//   resp→summary  the proxy's resolve answer (responseEnd) → summary on screen
//   main thread   the page's TaskDuration (script, wasm compile, style,
//                 layout, paint) minus that of bench-control.html, the same
//                 page without the widget's script
//   CLS           layout shift, summed
// and, as a same-machine baseline, the main-thread time of a minimal Yew app
// (bench/yew-baseline, a counter and one fetch) on bench-yew.html.
// Usage: node bench/render.mjs [--loads 20] [--quick]
// (bench/render.sh builds and starts what it needs.)
import { launch, startServer } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const loads = Number(args[args.indexOf('--loads') + 1]) || 20;
const quick = args.includes('--quick');

const SCENARIOS = [
  { name: 'desktop', setup: async () => {} },
  { name: 'cpu 4x', setup: (cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }) },
  {
    // DevTools' "Slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
    name: 'slow 4G',
    setup: async (cdp) => {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
      });
    },
  },
];

// Runs in the page from its first script: watches every frame for the
// widget, and sums layout shifts.
function probe() {
  window.__bench = { first: null, summary: null, cls: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__bench.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const frame = (now) => {
    const root = document.querySelector('amwal-installments')?.shadowRoot;
    if (root?.querySelector('.card')) window.__bench.first ??= now;
    if (root?.querySelector('.summary')) { window.__bench.summary = now; return; }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * metrics.find((m) => m.name === 'TaskDuration').value;
}

/** One load of `url` in `context` (`kind`: widget, control or yew); its figures. */
async function load(context, scenario, url, kind) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await scenario.setup(cdp);
  await page.addInitScript(probe);
  await page.goto(url);
  if (kind === 'control') {
    await page.waitForLoadState('load');
  } else if (kind === 'yew') {
    // The minimal Yew app has rendered its fetch's answer, decoded (the
    // proxy's error shape for an unknown transaction).
    await page.waitForFunction(() => document.querySelector('#app .answer')?.textContent.endsWith('NOT_FOUND'),
      null, { timeout: 60_000, polling: 50 });
  } else {
    await page.waitForFunction(() => window.__bench.summary !== null, null, { timeout: 60_000, polling: 50 });
  }
  await page.waitForTimeout(300); // trailing work (fonts, late layout)
  const main = await taskMs(cdp);
  const facts = await page.evaluate(() => {
    const resolve = performance.getEntriesByType('resource').find((e) => e.name.includes('/resolve'));
    return { ...window.__bench, responseEnd: resolve?.responseEnd ?? null };
  });
  await page.close();
  return { main, ...facts };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => (x === undefined || x === null ? '–' : `${x.toFixed(1)}`);

const server = await startServer();
const browser = await launch();
const link = new URL(server.storefront).searchParams.get('link');
const origin = new URL(server.storefront).origin;
const widgetUrl = `${origin}/demo/bench.html?link=${link}`;
const controlUrl = `${origin}/demo/bench-control.html?link=${link}`;
const yewUrl = `${origin}/demo/bench-yew.html?link=${link}`;

console.log(`first render, ${loads} load(s) each, median / p95, milliseconds (CLS: worst)`);
console.log('scenario   cache | first paint    | resp→summary  | main thread   | CLS');
try {
  for (const scenario of quick ? SCENARIOS.slice(0, 1) : SCENARIOS) {
    for (const cache of quick ? ['cold'] : ['cold', 'warm']) {
      const runs = [];
      const controls = [];
      const warm = cache === 'warm' ? await browser.newContext() : null;
      if (warm) {
        await load(warm, scenario, widgetUrl, 'widget'); // prime the cache
        await load(warm, scenario, controlUrl, 'control');
      }
      for (let i = 0; i < loads; i += 1) {
        const ctx = warm ?? await browser.newContext();
        runs.push(await load(ctx, scenario, widgetUrl, 'widget'));
        controls.push(await load(ctx, scenario, controlUrl, 'control'));
        if (!warm) await ctx.close();
      }
      await warm?.close();
      const first = runs.map((r) => r.first);
      const toSummary = runs.map((r) => r.summary - r.responseEnd);
      const baseline = pct(controls.map((c) => c.main), 50);
      const main = runs.map((r) => r.main - baseline);
      const cls = Math.max(...runs.map((r) => r.cls));
      console.log(`${scenario.name.padEnd(10)} ${cache.padEnd(5)} | ${ms(pct(first, 50)).padStart(6)} ${ms(pct(first, 95)).padStart(6)}  `
        + `| ${ms(pct(toSummary, 50)).padStart(6)} ${ms(pct(toSummary, 95)).padStart(6)} `
        + `| ${ms(pct(main, 50)).padStart(6)} ${ms(pct(main, 95)).padStart(6)} | ${cls.toFixed(3)}`);
    }
  }
  // The same-machine baseline: a minimal Yew app (a counter and one fetch).
  if (!quick) {
    console.log('minimal Yew app, cold, main thread (median / p95, ms):');
    for (const scenario of SCENARIOS.slice(0, 2)) {
      const main = [];
      const controls = [];
      for (let i = 0; i < loads; i += 1) {
        const ctx = await browser.newContext();
        main.push((await load(ctx, scenario, yewUrl, 'yew')).main);
        controls.push((await load(ctx, scenario, controlUrl, 'control')).main);
        await ctx.close();
      }
      const baseline = pct(controls, 50);
      const own = main.map((m) => m - baseline);
      console.log(`${scenario.name.padEnd(10)} cold  | ${ms(pct(own, 50)).padStart(6)} ${ms(pct(own, 95)).padStart(6)}`);
    }
  }
} finally {
  await browser.close();
  server.stop();
}
