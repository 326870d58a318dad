// The store of bench/store/pages.mjs on loopback: the demo proxy (embedded
// sandbox) for the API and the widget's CDN files, and in front of it a
// small server that writes the store's pages, as a merchant's site would,
// under the proxy's strict Content Security Policy.
//   /product-en, /product-ar, /collection   the page with the widget
//   …?plain                                  the same page without it
import { createServer, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { root, startServer } from '../../tests/e2e/harness.mjs';
import { page, PAGES } from './pages.mjs';
import { productPhoto } from './photo.mjs';

const VERSION = JSON.parse(readFileSync(`${root}www/package.json`, 'utf8')).version;
const DIST = `/dist/amwal-installments/${VERSION}`;

/** Starts the proxy and the store; resolves to { origin, link, stop }. */
export async function startStore(proxyArgs = []) {
  // The store's own origin first: the proxy must allow its pages to call it.
  let handle = () => {};
  const server = createServer((req, res) => handle(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const proxy = await startServer(['--rate-limit', '100000', '--link-rate-limit', '100000',
    '--allowed-origins', origin, '--return-origins', origin, ...proxyArgs]);
  const upstream = new URL(proxy.storefront);
  const link = upstream.searchParams.get('link');
  const integrity = JSON.parse(readFileSync(`${root}www${DIST}/integrity.json`, 'utf8'));
  const csp = (await fetch(`${upstream.origin}/amwal/healthz`)).headers.get('content-security-policy');
  const css = readFileSync(new URL('./store.css', import.meta.url));
  const photos = { '/store/product.png': productPhoto(640), '/store/thumb.png': productPhoto(320) };
  const widget = {
    script: { src: `${DIST}/amwal-installments.js`, integrity: integrity['amwal-installments.js'] },
    link,
    proxy: '/amwal',
  };

  handle = (req, res) => {
    const url = new URL(req.url, 'http://store');
    const name = url.pathname.slice(1);
    if (PAGES[name]) {
      const html = page({ ...PAGES[name], widget: url.searchParams.has('plain') ? null : widget });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp,
        'cache-control': 'no-store' });
      return res.end(html);
    }
    if (photos[url.pathname]) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' });
      return res.end(photos[url.pathname]);
    }
    if (url.pathname === '/store/store.css') {
      res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=3600' });
      return res.end(css);
    }
    // Everything else (the API, the widget's files) is the proxy's, as sent.
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url,
      method: req.method, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(forward);
  };
  return {
    origin,
    link,
    stop: () => { server.close(); proxy.stop(); },
  };
}
