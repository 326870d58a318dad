// Layout shift and long tasks on the store's pages as a shopper's browser
// sees them: each page loaded in headless Chromium (phone or desktop
// viewport, CPU slowed on the phone), every layout-shift entry summed and
// every long task (over 50 ms) listed until the widget shows its summary
// or every messaging line (or 5 s), then 500 ms more. Used by the CI test and bench/lighthouse.
import { launch } from '../../tests/e2e/harness.mjs';

export const VIEWPORTS = {
  phone: { width: 390, height: 844, cpu: 4 },
  desktop: { width: 1280, height: 800, cpu: 1 },
};

function probe() {
  window.__shift = { cls: 0, sources: [], longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shift.longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shift.cls += e.value;
      for (const s of e.sources || []) {
        const n = s.node;
        window.__shift.sources.push(n ? (n.nodeName + (n.className ? '.' + n.className : '')) : '?');
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** CLS of one load of `url` at `viewport`, the shifted nodes' names, the
 * main thread's long tasks (ms), and whether the widget (if any) got to
 * its summary. */
export async function measureShift(browser, url, viewport) {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: viewport.cpu });
  await page.addInitScript(probe);
  await page.goto(url, { waitUntil: 'load' });
  // Every element on the page: its summary, or its messaging line.
  const summary = await page.waitForFunction(() => [...document.querySelectorAll('amwal-installments')]
    .every((el) => el.shadowRoot?.querySelector('.summary, .error, .line')), null, { timeout: 5000 })
    .then(() => true, () => false);
  await page.waitForTimeout(500);
  const result = { ...(await page.evaluate(() => window.__shift)), summary };
  await context.close();
  return result;
}

export { launch };
