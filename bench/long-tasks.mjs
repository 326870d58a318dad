// Long tasks (over 50 ms) on a desktop CPU, with and without the widget, on
// one of the store's pages over several loads: steadier than Lighthouse's
// 5 loads on a machine with other work. Needs the built widget
// (scripts/build-widget.sh) and proxy (cargo build -p amwal-proxy).
//   node bench/long-tasks.mjs [--loads 10] [--page product-ar]
import { startStore } from './store/server.mjs';
import { measureShift, launch, VIEWPORTS } from './store/shift.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const loads = Number(opt('--loads', 10));
const page = opt('--page', 'product-ar');

const store = await startStore();
const browser = await launch();
try {
  console.log(`long tasks over ${loads} desktop loads of ${page} (ms, longest first)`);
  for (const variant of ['without', 'with']) {
    const tasks = [];
    for (let i = 0; i < loads; i++) {
      const url = `${store.origin}/${page}${variant === 'without' ? '?plain' : ''}`;
      tasks.push(...(await measureShift(browser, url, VIEWPORTS.desktop)).longTasks);
    }
    tasks.sort((a, b) => b - a);
    console.log(`${variant.padEnd(8)} ${tasks.length} ${tasks.join(' ')}`);
  }
} finally {
  await browser.close();
  store.stop();
}
